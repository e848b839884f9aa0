/** @odoo-module **/
// Settings' "Check credentials": checks the Client ID and Secret as they are on screen, saved
// or not. A plain object button would make the settings form save and reload first, which
// loses both the unsaved values' check and its result.

import { Component, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

export class GoogleCheckCredentials extends Component {
    static template = "google_calendar_sync.CheckCredentials";
    static props = { ...standardWidgetProps };

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.state = useState({ busy: false });
    }

    async onClick() {
        const { gcs_client_id, gcs_client_secret } = this.props.record.data;
        this.state.busy = true;
        try {
            const verdict = await this.orm.call("res.config.settings", "gcs_check_credentials", [
                gcs_client_id || "",
                gcs_client_secret || "",
            ]);
            this.notification.add(verdict.message, {
                title: _t("Google Calendar"),
                type: verdict.type,
                sticky: verdict.type !== "success",
            });
        } finally {
            this.state.busy = false;
        }
    }
}

registry.category("view_widgets").add("gcs_check_credentials", { component: GoogleCheckCredentials });
