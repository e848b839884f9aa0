/** @odoo-module **/
// An administrator sets the sync up from nothing (tests/odoo/test_tour_admin_setup.py): feature
// off, no client. Selectors only, no text of ours, so the same tour runs in Persian.

import { addTourBothWays, assertDirection, noErrorDialog, screenshot } from "@google_calendar_sync/../tests/tours/tour_utils";

const SETTING = "#google_calendar_sync_setting";
const CLIENT_ID = "odoo-test.apps.googleusercontent.com";
const CLIENT_SECRET = "GOCSPX-test-secret";
// The test sets web.base.url to the address the browser uses: the values to paste in
// Google's console are that origin and its callback, exactly.
const CALLBACK = "/google_account/authentication";

function uriIs(block, expected) {
    return {
        trigger: `${SETTING} #${block} .o_gcs_uri span:first-child`,
        content: `${block} shows the value to paste in Google's console`,
        run: () => {
            const shown = document.querySelector(`${SETTING} #${block} .o_gcs_uri span:first-child`).textContent.trim();
            const wanted = expected();
            if (shown !== wanted) {
                throw new Error(`${block} shows "${shown}", expected "${wanted}"`);
            }
        },
    };
}

function steps(direction) {
    return [
        {
            trigger: `${SETTING} [name=gcs_enabled] input:not(:checked)`,
            content: "Find the Google Calendar block, off",
            run: () => document.querySelector(SETTING).scrollIntoView({ block: "start" }),
        },
        {
            trigger: `${SETTING}:not(:has([name=gcs_client_id]))`,
            content: "Nothing to fill while it is off",
        },
        { trigger: `${SETTING} [name=gcs_enabled] input`, content: "Tick it", run: "click" },
        { trigger: `${SETTING} [name=gcs_client_id] input`, content: "Client ID", run: `edit ${CLIENT_ID}` },
        { trigger: `${SETTING} [name=gcs_client_secret] input`, content: "Client Secret", run: `edit ${CLIENT_SECRET}` },
        uriIs("gcs_origin_block", () => window.location.origin),
        uriIs("gcs_redirect_uri_block", () => window.location.origin + CALLBACK),
        {
            trigger: `${SETTING} .o_gcs_check_credentials:not(:disabled)`,
            content: "Check credentials",
            run: "click",
        },
        {
            trigger: ".o_notification:has(.o_notification_bar.bg-success)",
            content: "Google accepts the client",
        },
        assertDirection(direction),
        {
            trigger: `${SETTING} #gcs_base_url_report`,
            content: "The whole block in view",
            run: () => document.querySelector(SETTING).scrollIntoView({ block: "start" }),
        },
        screenshot(`admin_setup_${direction}`),
        {
            trigger: ".o_form_button_save",
            content: "Save (the page reloads)",
            run: (helpers) => {
                // Gone with the reload: the next step then only matches the saved page.
                document.body.classList.add("o_gcs_before_save");
                return helpers.click();
            },
        },
        {
            trigger: `body:not(.o_gcs_before_save) ${SETTING} [name=gcs_enabled] input:checked`,
            content: "Reloaded: the sync is on",
        },
        {
            trigger: `${SETTING} [name=gcs_client_id] input`,
            content: "The Client ID was kept",
            run: () => {
                const value = document.querySelector(`${SETTING} [name=gcs_client_id] input`).value;
                if (value !== CLIENT_ID) {
                    throw new Error(`Client ID after saving: "${value}"`);
                }
            },
        },
        { trigger: ".o_control_panel:not(:has(.o_dirty_warning))", content: "Nothing left unsaved" },
        noErrorDialog,
    ];
}

addTourBothWays("google_calendar_sync_admin_setup", "/odoo/settings", steps);
