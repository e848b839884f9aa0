"""The translations we ship are whole: the committed template is what Odoo exports today, and
every language we promise (Spanish, Persian) translates every entry of it.

When a string changes, regenerate the template and merge it into the languages:

    tests/lib/i18n_update        (see its header)

then translate what it marks new or fuzzy.
"""

import io
import os

import polib

from odoo.tests import TransactionCase
from odoo.tools.translate import trans_export

MODULE = "google_calendar_sync"
I18N = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), MODULE, "i18n")
LANGUAGES = ("es", "fa")


def _keys(catalog):
    """The entries of a catalog that count, as (msgctxt, msgid): the header and obsolete ones do not."""
    return {(entry.msgctxt, entry.msgid) for entry in catalog if entry.msgid and not entry.obsolete}


def _show(keys, limit=15):
    lines = sorted(repr(msgid) for _ctxt, msgid in keys)
    more = len(lines) - limit
    return "\n  ".join(lines[:limit] + (["... and %d more" % more] if more > 0 else []))


class TestTranslations(TransactionCase):
    test_tags = {"standard", "at_install"}
    test_module = MODULE

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        buffer = io.BytesIO()
        trans_export(None, [MODULE], buffer, "po", cls.env.cr)
        cls.exported = _keys(polib.pofile(buffer.getvalue().decode()))

    def test_something_is_exported(self):
        # Guards the test itself: an export that found nothing would make every check vacuous.
        self.assertGreater(len(self.exported), 50)

    def test_template_is_current(self):
        committed = _keys(polib.pofile(os.path.join(I18N, MODULE + ".pot")))
        missing, stale = self.exported - committed, committed - self.exported
        hint = "strings missing from the committed .pot (run tests/lib/i18n_update):\n  "
        self.assertFalse(missing, hint + _show(missing))
        self.assertFalse(stale, "strings in the committed .pot that the addon no longer has:\n  " + _show(stale))

    def test_every_language_translates_everything(self):
        for lang in LANGUAGES:
            with self.subTest(lang=lang):
                catalog = polib.pofile(os.path.join(I18N, lang + ".po"))
                keys = _keys(catalog)
                untranslated = {(e.msgctxt, e.msgid) for e in catalog if e.msgid and not e.obsolete and not e.msgstr}
                fuzzy = {(e.msgctxt, e.msgid) for e in catalog if e.msgid and not e.obsolete and "fuzzy" in e.flags}
                missing, stale = self.exported - keys, keys - self.exported
                self.assertFalse(missing, "%s.po lacks:\n  %s" % (lang, _show(missing)))
                self.assertFalse(stale, "%s.po has entries the addon no longer has:\n  %s" % (lang, _show(stale)))
                self.assertFalse(untranslated, "%s.po leaves untranslated:\n  %s" % (lang, _show(untranslated)))
                self.assertFalse(fuzzy, "%s.po marks fuzzy:\n  %s" % (lang, _show(fuzzy)))

    def test_placeholders_survive_translation(self):
        # A translation that drops or renames %(name)s or %s crashes the message at run time.
        import re

        pattern = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}")
        for lang in LANGUAGES:
            catalog = polib.pofile(os.path.join(I18N, lang + ".po"))
            for entry in catalog:
                if entry.msgid and entry.msgstr and not entry.obsolete:
                    with self.subTest(lang=lang, msgid=entry.msgid[:60]):
                        self.assertEqual(sorted(pattern.findall(entry.msgid)), sorted(pattern.findall(entry.msgstr)))
