-- A copied database must never talk to Google with the original's tokens.
UPDATE google_calendar_account
   SET access_token = NULL, refresh_token = NULL, token_expiry = NULL, sync_token = NULL, oauth_nonce = NULL,
       oauth_verifier = NULL;
UPDATE google_calendar_sync_cursor SET sync_token = NULL;
UPDATE res_users SET google_sync_state = 'not_connected' WHERE google_sync_state != 'not_connected';
INSERT INTO ir_config_parameter (key, value) VALUES ('google_calendar_sync.paused', 'True')
    ON CONFLICT (key) DO UPDATE SET value = 'True';
