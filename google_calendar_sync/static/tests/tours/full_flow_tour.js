/** @odoo-module **/
// A user's whole first path (tests/odoo/test_tour_full_flow.py): Google sync, consent on
// Google's page, back in Odoo, sync, Google's event in the calendar. Selectors only, no
// English text, so the same tour runs in Persian.

import { registry } from "@web/core/registry";
import {
    assertDirection,
    consentAs,
    noErrorDialog,
    screenshot,
} from "@google_calendar_sync/../tests/tours/tour_utils";

const SUCCESS = ".o_notification:has(.o_notification_bar.bg-success)";

function steps(direction) {
    return [
        { trigger: ".o_calendar_renderer", content: "The calendar is shown" },
        assertDirection(direction),
        consentAs(".o_google_sync_button:not(:disabled):not(:has(.fa-check))", "alice@example.com"),
        { trigger: `${SUCCESS}`, content: "Back from Google: connected" },
        { trigger: ".o_google_sync_button:has(.fa-check)", content: "The button shows the connection" },
        screenshot(`full_flow_connected_${direction}`),
        { trigger: `${SUCCESS} .o_notification_close`, content: "Close the notice", run: "click" },
        { trigger: "body:not(:has(.o_notification))", content: "Notice closed" },
        { trigger: ".o_google_sync_button:not(:disabled)", content: "Google sync", run: "click" },
        { trigger: SUCCESS, content: "The sync's result" },
        {
            trigger: ".o_calendar_renderer .fc-event:contains(Planning from Google)",
            content: "Google's event in the calendar",
        },
        assertDirection(direction),
        screenshot(`full_flow_synced_${direction}`),
        noErrorDialog,
    ];
}

registry.category("web_tour.tours").add("google_calendar_sync_full_flow", {
    url: "/odoo/calendar",
    steps: () => steps("ltr"),
});

registry.category("web_tour.tours").add("google_calendar_sync_full_flow_rtl", {
    url: "/odoo/calendar",
    steps: () => steps("rtl"),
});
