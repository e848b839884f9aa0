/** @odoo-module **/
// General Settings > Google Calendar as an administrator sees it (tests/odoo/test_tour_settings.py).

import { addTourBothWays, assertDirection, noErrorDialog, screenshot } from "@google_calendar_sync/../tests/tours/tour_utils";

const SETTING = "#google_calendar_sync_setting";

// Each URI to paste in Google's console is shown whole: its text is the URI and nothing is cut.
function uriShownWhole(block, path) {
    return {
        trigger: `${SETTING} #${block} .o_gcs_uri span:first-child`,
        content: `${block} is whole and copyable`,
        run: () => {
            const span = document.querySelector(`${SETTING} #${block} .o_gcs_uri span:first-child`);
            const text = span.textContent.trim();
            if (!text.startsWith("http") || !text.endsWith(path)) {
                throw new Error(`${block} shows ${text}`);
            }
            if (span.scrollWidth > span.clientWidth + 1) {
                throw new Error(`${block} is cut: ${span.scrollWidth}px of text in ${span.clientWidth}px`);
            }
            if (!document.querySelector(`${SETTING} #${block} .o_clipboard_button`)) {
                throw new Error(`${block} has no copy button`);
            }
        },
    };
}

// Types `secret` without saving, presses Check credentials and waits for Google's verdict
// (a notification of `kind`: success or danger; no text, so any language does).
function checkSecret(secret, kind) {
    return [
        {
            trigger: `${SETTING} [name=gcs_client_secret] input`,
            content: "Type a secret, without saving",
            run: `edit ${secret}`,
        },
        {
            trigger: `${SETTING} .o_gcs_check_credentials:not(:disabled)`,
            content: "Check credentials",
            run: "click",
        },
        {
            trigger: `.o_notification:has(.o_notification_bar.bg-${kind})`,
            content: "Google's verdict on the values on screen",
        },
    ];
}

function steps(direction) {
    return [
        ...checkSecret("not-the-secret", "danger"),
        {
            trigger: "body:not(:has(.modal))",
            content: "No save dialog, no reload",
        },
        uriShownWhole("gcs_origin_block", ""),
        uriShownWhole("gcs_redirect_uri_block", "/google_account/authentication"),
        assertDirection(direction),
        {
            trigger: `${SETTING} #gcs_base_url_report`,
            content: "Scroll the Google Calendar block into view",
            run: () => document.querySelector(SETTING).scrollIntoView({ block: "start" }),
        },
        screenshot(`settings_${direction}`),
        ...checkSecret("GOCSPX-test-secret", "success"),
        {
            trigger: ".o_form_button_cancel",
            content: "Discard the edits",
            run: "click",
        },
        {
            trigger: ".o_control_panel:not(:has(.o_dirty_warning))",
            content: "Nothing left unsaved",
        },
        noErrorDialog,
    ];
}

addTourBothWays("google_calendar_sync_settings", "/odoo/settings", steps);
