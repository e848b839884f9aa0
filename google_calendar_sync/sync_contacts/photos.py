"""Contact photos both ways: Google's `photos` and Odoo's partner image.

People sets a photo with its own calls (updateContactPhoto / deleteContactPhoto), not with the
contact's update, so photos travel beside the engine's writes:

- Google to Odoo: the URL of the contact's own photo is part of the contact (and of its
  fingerprint); when it differs from the one the link last saw, the store downloads the
  image into the partner (`incoming`), unless Odoo's image changed too and waits to go out.
- Odoo to Google: a changed partner image flags its links (`photo_dirty`, res.partner.write);
  after the run's writes, `push` sends each flagged photo of a linked contact and records the
  new etag and URL, so the change does not come back as a Google edit.
"""

import base64
import hashlib
import logging

from ..core.google.errors import GoogleApiError, RateLimited, Transient

_logger = logging.getLogger(__name__)


def digest(image):
    return hashlib.sha1(image if isinstance(image, bytes) else (image or "").encode()).hexdigest() if image else False


class Photos:
    """:param fetch: url -> image bytes (PeopleClient.fetch_photo), or None where photos are not read"""

    def __init__(self, fetch=None):
        self.fetch = fetch

    def incoming(self, row, contact, merging):
        """The partner values bringing Google's photo, if it changed since the link last saw it."""
        if self.fetch is None or (contact.photo or False) == (row.photo_url or False):
            return {}
        if merging and row.photo_dirty:
            return {}  # Odoo's new image wins and goes out with the photo pass
        if not contact.photo:
            return {"image_1920": False}
        return {"image_1920": base64.b64encode(self.fetch(contact.photo))}

    def seen(self, row, partner, contact):
        """Record the photo both sides now hold."""
        values = {"photo_url": contact.photo or False}
        if not row.photo_dirty:
            values["photo_hash"] = digest(partner.image_1920)
        row.write(values)

    def note(self, row, partner):
        """After a push of the contact: its image still has to go if Google has not got it."""
        if row.google_id and digest(partner.image_1920) != (row.photo_hash or False):
            row.photo_dirty = True

    def push(self, store, client, limit):
        """Send up to `limit` changed images of the user's linked contacts; returns how many went."""
        rows = store.in_choice(("photo_dirty", "=", True), ("state", "=", "linked"), limit=limit)
        sent = 0
        for row in rows:
            partner = store._partner(row.local_key)
            if not partner or not row.google_id:
                row.photo_dirty = False
                continue
            image = partner.image_1920
            try:
                if image:
                    person = client.update_photo(row.google_id, base64.b64decode(image))
                else:
                    person = client.delete_photo(row.google_id)
            except (Transient, RateLimited):
                break  # Google as a whole: the rest waits for the next run
            except GoogleApiError as exc:
                _logger.info("Photo of contact %s refused: %s", row.google_id, exc.status)
                row.write({"photo_dirty": False, "error": "photo: %s" % (exc.message or exc.status)})
                continue
            store.photo_sent(row, partner, person, digest(image))
            sent += 1
        return sent
