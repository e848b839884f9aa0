"""Issue 13, for contacts: after a lost run, what that run already wrote to Google is not an
Odoo edit again.

The lost run is rolled back to a savepoint once Google answered: Odoo forgets its writes and the
agreement it recorded, Google keeps the contact it was sent. The write carried that agreement in
the contact's clientData (core/sync/sent.py), so the next run still knows the phone was sent.
"""

import time

from contacts_common import ContactsCase, values


class LostRun(Exception):
    pass


class TestContactsAfterALostRun(ContactsCase):
    def setUp(self):
        super().setUp()
        self.probe = self.partner("Probe", phone="+32 1", email="probe@example.com")
        self.sync()

    def lose_a_run(self):
        self.env.flush_all()
        try:
            with self.env.cr.savepoint():
                self.assertEqual(self.sync().contacts_pushed, 1)
                raise LostRun
        except LostRun:
            pass
        self.env.invalidate_all()

    def later(self):
        time.sleep(0.05)  # past Google's millisecond resolution: "later" is well defined

    def google_phone(self):
        return values(self.on_google()["Probe"], "phoneNumbers")

    def test_google_s_later_edit_of_a_field_the_lost_run_sent_wins(self):
        self.probe.phone = "+32 2"
        self.lose_a_run()
        self.assertEqual(self.google_phone(), ["+32 2"], "the lost run sent the phone")
        self.later()
        person = self.on_google()["Probe"]
        self.google.ui_update_contact(self.alice.email, person["resourceName"], {"phoneNumbers": [{"value": "+32 3"}]})
        self.later()
        self.probe.email = "new@example.com"  # another field, edited later in Odoo
        self.sync()
        self.sync()
        self.assertEqual((self.probe.phone, self.probe.email), ("+32 3", "new@example.com"))
        person = self.on_google()["Probe"]
        self.assertEqual((self.google_phone(), values(person, "emailAddresses")), (["+32 3"], ["new@example.com"]))

    def test_an_odoo_edit_back_to_the_value_before_the_lost_run_is_heard(self):
        self.probe.phone = "+32 2"
        self.lose_a_run()
        self.later()
        self.probe.phone = "+32 1"  # back to the value the link still holds
        self.sync()
        self.sync()
        self.assertEqual((self.probe.phone, self.google_phone()), ("+32 1", ["+32 1"]))
