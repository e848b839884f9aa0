/** @odoo-module **/
// Browser tours run by tests/odoo/test_tour_sync_button.py against the emulated Google.

import { registry } from "@web/core/registry";

// Asks the Python side of the test to save a screenshot (see tests/odoo/browser_support.py),
// then gives it a moment so the picture shows this screen, not the next one.
export function screenshot(name) {
    return {
        trigger: "body",
        content: `Screenshot ${name}`,
        run: async () => {
            console.log(`gcs-screenshot:${name}`);
            await new Promise((resolve) => setTimeout(resolve, 700));
        },
    };
}

export const noErrorDialog = {
    trigger: "body:not(:has(.o_error_dialog))",
    content: "No error dialog",
};

registry.category("web_tour.tours").add("google_calendar_sync_button", {
    url: "/odoo/calendar",
    steps: () => [
        {
            trigger: ".o_calendar_renderer",
            content: "The calendar is shown",
        },
        {
            trigger: ".o_google_sync_button:not(:disabled)",
            content: "Click Google sync",
            run: "click",
        },
        {
            trigger: ".o_notification:contains(Synced with Google Calendar)",
            content: "The result of the sync is reported",
        },
        {
            trigger: ".o_calendar_renderer .fc-event:contains(Planning from Google)",
            content: "The event imported from Google is in the calendar",
        },
        {
            trigger: ".o_google_sync_button:not(:disabled)",
            content: "The button is ready for another sync",
        },
        screenshot("sync_button_result"),
        noErrorDialog,
    ],
});
