/** @odoo-module **/
// The Calendar's "Google sync" button: asks the server what is due (set up, connect or
// sync) and carries out the action it returns, so all decisions stay server-side.

import { AttendeeCalendarController } from "@calendar/views/attendee_calendar/attendee_calendar_controller";
import { browser } from "@web/core/browser/browser";
import { _t } from "@web/core/l10n/translation";
import { user } from "@web/core/user";
import { useService } from "@web/core/utils/hooks";
import { patch } from "@web/core/utils/patch";
import { onWillStart, useState } from "@odoo/owl";

const RETURN_FLAG = "google_sync";

patch(AttendeeCalendarController.prototype, {
    setup() {
        super.setup(...arguments);
        this.notification = useService("notification");
        this.googleSync = useState({ state: "not_connected", configured: false, busy: false, last_error: false });
        onWillStart(async () => {
            Object.assign(this.googleSync, await this.orm.call("res.users", "google_calendar_status", []));
            this.showGoogleReturnNotice();
        });
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
            await this.actionService.doAction(action);
            Object.assign(this.googleSync, await this.orm.call("res.users", "google_calendar_status", []));
            await this.model.load();
        } finally {
            this.googleSync.busy = false;
        }
    },
});
