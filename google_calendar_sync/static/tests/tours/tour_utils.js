/** @odoo-module **/
// Steps shared by this addon's tours (tests/odoo/test_tour_*.py).

import { registry } from "@web/core/registry";

// Registers `name` (left to right) and `name`_rtl (right to left, for Persian) from one
// list of steps, given the direction the page must read in.
export function addTourBothWays(name, url, steps) {
    registry.category("web_tour.tours").add(name, { url, steps: () => steps("ltr") });
    registry.category("web_tour.tours").add(`${name}_rtl`, { url, steps: () => steps("rtl") });
}

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

// Right-to-left really rendered: the web client flagged it and the CSS was flipped (rtlcss),
// so an element's start edge is on the right.
export function assertDirection(direction) {
    return {
        trigger: "body",
        content: `The page reads ${direction}`,
        run: () => {
            const rtl = document.body.classList.contains("o_rtl");
            const box = document.querySelector(".o_setting_box, .o_calendar_renderer, .o_action_manager");
            const style = box && getComputedStyle(box).direction;
            if (rtl !== (direction === "rtl") || style !== direction) {
                throw new Error(`expected ${direction}, found o_rtl=${rtl} direction=${style}`);
            }
        },
    };
}

// Sends the browser to Google's consent page by clicking `trigger`; the test plays the person
// there (tests/odoo/browser_support.py: chooses `email`, presses Allow) and Google sends the
// browser back to Odoo, where the tour goes on.
export function consentAs(trigger, email) {
    return {
        trigger,
        content: `Consent on Google's page as ${email}`,
        run: async (helpers) => {
            console.log(`gcs-consent:${email}`);
            await helpers.click();
        },
    };
}
