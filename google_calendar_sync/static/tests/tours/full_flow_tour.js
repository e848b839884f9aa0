/** @odoo-module **/
// A user's whole first path (tests/odoo/test_tour_full_flow.py): Google sync, consent on
// Google's page, back in Odoo where the first import shows by itself, an event created in
// Odoo, then a sync by hand that sends it to Google; last, Disconnect from My Preferences.
// Selectors only, no English text, so the same tour runs in Persian.

import {
    addTourBothWays,
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
        {
            trigger: ".o_calendar_renderer .fc-event:contains(Planning from Google)",
            content: "The first import shows in the calendar without a click or a reload",
        },
        screenshot(`full_flow_connected_${direction}`),
        { trigger: `${SUCCESS} .o_notification_close`, content: "Close the notice", run: "click" },
        { trigger: "body:not(:has(.o_notification))", content: "Notice closed" },
        { trigger: ".o-calendar-button-new", content: "A new event in Odoo", run: "click" },
        { trigger: ".o_form_view [name=name] input", content: "Its title", run: "edit Planning from Odoo" },
        { trigger: ".o_form_button_save", content: "Save it", run: "click" },
        { trigger: ".o_form_view:not(:has(.o_form_button_save:visible))", content: "Saved" },
        { trigger: ".o_back_button, .breadcrumb-item:first-child a", content: "Back to the calendar", run: "click" },
        { trigger: ".o_calendar_renderer .fc-event:contains(Planning from Odoo)", content: "Both events shown" },
        { trigger: ".o_google_sync_button:not(:disabled)", content: "Google sync", run: "click" },
        { trigger: SUCCESS, content: "The sync's result (the test then finds the event on Google)" },
        {
            trigger: ".o_calendar_renderer .fc-event:contains(Planning from Google)",
            content: "Google's event still in the calendar, once",
            run: () => {
                const found = [...document.querySelectorAll(".o_calendar_renderer .fc-event")].filter((el) =>
                    el.textContent.includes("Planning from Google")
                );
                if (found.length !== 1) {
                    throw new Error(`the event shows ${found.length} times`);
                }
            },
        },
        assertDirection(direction),
        screenshot(`full_flow_synced_${direction}`),
        noErrorDialog,
        { trigger: ".o_user_menu button, .o_user_menu .dropdown-toggle", content: "The user menu", run: "click" },
        { trigger: ".o-dropdown-item[data-menu=settings]", content: "My Preferences", run: "click" },
        {
            trigger: "button[name=action_google_calendar_disconnect]:visible",
            content: "Disconnect Google Calendar",
            run: "click",
        },
        { trigger: ".modal:not(:has(.o_form_view)) .modal-footer .btn-primary", content: "Confirm", run: "click" },
        {
            trigger: ".o_google_sync_button:not(:has(.fa-check)), body:not(:has(button[name=action_google_calendar_disconnect]))",
            content: "Disconnected (the test then checks Google revoked the tokens)",
        },
        noErrorDialog,
    ];
}

addTourBothWays("google_calendar_sync_full_flow", "/odoo/calendar", steps);
