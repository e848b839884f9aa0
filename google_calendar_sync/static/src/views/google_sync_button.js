/** @odoo-module **/
// The Calendar's "Google sync" button: asks the server what is due (set up, connect or
// sync) and carries out the action it returns, so all decisions stay server-side.

import { AttendeeCalendarController } from "@calendar/views/attendee_calendar/attendee_calendar_controller";
import { browser } from "@web/core/browser/browser";
import { _t } from "@web/core/l10n/translation";
import { user } from "@web/core/user";
import { useService } from "@web/core/utils/hooks";
import { patch } from "@web/core/utils/patch";
import { onMounted, onWillStart, status, useState } from "@odoo/owl";

const RETURN_FLAG = "google_sync";

/** A server answer that only reports something (the sync ran): shown here, no navigation. */
function isNotification(action) {
    return action && action.type === "ir.actions.client" && action.tag === "display_notification";
}

patch(AttendeeCalendarController.prototype, {
    setup() {
        super.setup(...arguments);
        this.notification = useService("notification");
        this.googleSync = useState({ state: "not_connected", configured: false, busy: false, last_error: false, paused: false });
        onWillStart(async () => {
            await this.loadGoogleStatus();
            this.showGoogleReturnNotice();
        });
        // After the view is shown, never before: the sync must not delay the calendar.
        onMounted(() => this.syncInBackground());
    },

    // The server syncs only when due (throttled, connected users only) and says whether
    // events changed; the view then reloads them. Errors stay quiet here: the button's
    // tooltip and the user's tab show the last error, and the scheduled run retries.
    async syncInBackground() {
        if (this.googleSync.state !== "connected") {
            return;
        }
        let result;
        try {
            result = await this.orm.silent.call("res.users", "google_calendar_sync_on_open", []);
        } catch (error) {
            console.warn("Google Calendar background sync failed", error);
            return;
        }
        if (result.ran && status(this) !== "destroyed") {
            await this.loadGoogleStatus();
            if (result.changed) {
                await this.model.load();
                this.render(true);
            }
        }
    },

    async loadGoogleStatus() {
        Object.assign(this.googleSync, await this.orm.call("res.users", "google_calendar_status", []));
    },

    // Google's callback sends the user back here with ?google_sync=connected.
    showGoogleReturnNotice() {
        const url = new URL(browser.location.href);
        if (url.searchParams.get(RETURN_FLAG) === "connected") {
            this.notification.add(
                _t("Connected to Google Calendar. The first sync runs in the background."),
                { type: "success" }
            );
            url.searchParams.delete(RETURN_FLAG);
            browser.history.replaceState(browser.history.state, "", url.toString());
        }
    },

    async onGoogleSync() {
        if (this.googleSync.busy) {
            return;
        }
        this.googleSync.busy = true;
        try {
            const action = await this.orm.call("res.users", "action_google_calendar_sync", [[user.userId]], {
                return_url: browser.location.pathname,
            });
            if (isNotification(action)) {
                // The sync ran: say so and refresh this view in place. Executing the action
                // would run its `next` (a soft reload), which destroys this controller while
                // we still use it ("Component is destroyed").
                const { title, message, type, sticky } = action.params;
                this.notification.add(message, { title, type, sticky });
                await this.loadGoogleStatus();
                await this.model.load();
                this.render(true);
            } else {
                // Consent page or settings: the user leaves this view, nothing here to update.
                await this.actionService.doAction(action);
            }
        } finally {
            if (status(this) !== "destroyed") {
                this.googleSync.busy = false;
            }
        }
    },
});
