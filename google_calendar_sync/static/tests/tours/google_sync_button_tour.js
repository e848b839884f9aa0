/** @odoo-module **/
// Browser tours run by tests/odoo/test_tour_sync_button.py against the emulated Google.

import { registry } from "@web/core/registry";
import { noErrorDialog, screenshot } from "@google_calendar_sync/../tests/tours/tour_utils";

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
