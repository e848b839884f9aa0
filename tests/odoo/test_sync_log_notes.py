"""Issue 16: why each item was skipped or failed is stored as data and read in the reader's language.

The core gives every noted item a Reason (a kind and its params), never a sentence; the log
keeps that data (`item_notes`) and words it when read (`notes_text`), so a Spanish reader and
a Persian reader read the same row each in their own language, from the addon's i18n files.
Rows written before keep their English text and still show it.
"""

import ast
import datetime
import json
import pathlib

from sync_common import SyncCase, google_body

from odoo.tools import format_date

ADDON = pathlib.Path(__file__).resolve().parents[2] / "google_calendar_sync"
DESK = google_body("Desk", eventType="workingLocation", workingLocationProperties={"type": "homeOffice"})
WORKING_LOCATION = {
    "en_US": "Skipped item: A working location is a presence status on Google, not a meeting: it is not synced.",
    "es_ES": "Elemento omitido: Una ubicación de trabajo es un estado de presencia en Google, no una reunión: "
    "no se sincroniza.",
    "fa_IR": "مورد نادیده گرفته‌شده: محل کار در گوگل یک وضعیت حضور است، نه یک جلسه: همگام‌سازی نمی‌شود.",
}


def strings(value):
    """Every string inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


class TestSyncLogNotes(SyncCase):
    def setUp(self):
        super().setUp()
        for lang in ("es_ES", "fa_IR"):
            self.env["res.lang"]._activate_lang(lang)

    def read_as(self, log, lang):
        """The notes as the log's user reads them with `lang` as their language."""
        self.alice.lang = lang
        return log.with_user(self.alice).with_context(lang=self.alice.lang).notes_text

    def test_a_skipped_item_reads_in_the_readers_language(self):
        self.alice.google_sync_from = "2031-03-01"
        self.create_event(self.alice, "Too old", start=datetime.datetime(2030, 3, 10, 9, 0))
        desk = self.google.ui_create_event("alice@example.com", DESK)

        log = self.sync()

        self.assertEqual(log.skipped, 2)
        kinds = {item["kind"] for item in log.item_notes["items"]}
        self.assertEqual(kinds, {"working_location", "before_sync_start"})
        stored = list(strings(log.item_notes))
        self.assertFalse([text for text in stored if " " in text], "a sentence is stored: %s" % json.dumps(stored))
        for lang, line in WORKING_LOCATION.items():
            with self.subTest(lang=lang):
                self.assertIn("%s (%s)" % (line, desk["id"]), self.read_as(log, lang).splitlines())
        spanish_date = format_date(self.env(context={"lang": "es_ES"}), "2031-03-01")
        self.assertIn(
            "Termina antes de la fecha de inicio de la sincronización (%s), así que no se toca." % spanish_date,
            self.read_as(log, "es_ES"),
        )

    def test_rows_written_before_keep_their_text(self):
        log = self.env["google.calendar.sync.log"].create(
            {
                "user_id": self.alice.id,
                "date_start": "2031-01-01 00:00:00",
                "state": "done",
                "skipped": 1,
                "notes": "skipped: working location entries are a presence status, not a meeting (g1)",
            }
        )
        self.assertEqual(self.read_as(log, "es_ES"), log.notes)

    def test_every_reason_the_sync_gives_has_a_message(self):
        from odoo.addons.google_calendar_sync.user_sync import log_texts  # noqa: PLC0415 - fails alone on older code

        given = set()
        for path in ADDON.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                func = getattr(node, "func", None)
                name = getattr(func, "id", None) or getattr(func, "attr", None)
                if isinstance(node, ast.Call) and name == "Reason" and node.args:
                    self.assertIsInstance(node.args[0], ast.Constant, "%s: a Reason's kind is a literal" % path)
                    given.add(node.args[0].value)
        self.assertGreater(len(given), 20)
        self.assertEqual(given - set(log_texts.NOTES), set(), "kinds without a message")
        self.assertEqual(set(log_texts.NOTES) - given - {log_texts.UNKNOWN}, set(), "messages no code gives")
