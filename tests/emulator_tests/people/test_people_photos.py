"""Contact photos over HTTP: updateContactPhoto, the photo URL, deleteContactPhoto."""

import base64

import pytest
import requests
from people_support import error, named, sign_in

# The smallest valid PNG header and a JPEG start: enough for the type check.
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 24


@pytest.fixture
def ann(google, emulator):
    return sign_in(google, emulator)


def set_photo(ann, resource_name, data, **extra):
    body = {"photoBytes": base64.b64encode(data).decode(), **extra}
    return ann.call("PATCH", "/v1/%s:updateContactPhoto" % resource_name, json=body)


def test_a_photo_goes_up_is_served_and_is_deleted(ann):
    made = ann.create(named("Pic"), personFields="names")
    answer = set_photo(ann, made["resourceName"], PNG, personFields="photos")
    assert answer.status_code == 200, answer.text
    [photo] = answer.json()["person"]["photos"]
    assert photo["metadata"]["primary"] is True and not photo.get("default")
    served = requests.get(photo["url"], params={"sz": 100}, timeout=10)
    assert served.status_code == 200 and served.content == PNG
    assert served.headers["Content-Type"] == "image/png"
    person = ann.get(made["resourceName"], personFields="photos").json()
    assert person["photos"] == [photo] and person["etag"] != made["etag"]
    gone = ann.call("DELETE", "/v1/%s:deleteContactPhoto" % made["resourceName"], params={"personFields": "photos"})
    assert gone.status_code == 200 and "photos" not in gone.json()["person"]
    assert "photos" not in ann.get(made["resourceName"], personFields="photos").json()


def test_without_person_fields_the_answer_is_empty(ann):
    made = ann.create(named("Pic"))
    assert set_photo(ann, made["resourceName"], JPEG).json() == {}
    assert ann.call("DELETE", "/v1/%s:deleteContactPhoto" % made["resourceName"]).json() == {}


def test_bytes_that_are_not_an_image_are_refused(ann):
    made = ann.create(named("Pic"))
    assert error(set_photo(ann, made["resourceName"], b"hello world"), 400)["status"] == "INVALID_ARGUMENT"
    bad = ann.call("PATCH", "/v1/%s:updateContactPhoto" % made["resourceName"], json={"photoBytes": "%%%"})
    assert error(bad, 400)["status"] == "INVALID_ARGUMENT"


def test_unknown_contact_is_404(ann):
    assert error(set_photo(ann, "people/c123", PNG), 404)["status"] == "NOT_FOUND"


def test_a_new_photo_changes_the_url(ann):
    made = ann.create(named("Pic"))
    first = set_photo(ann, made["resourceName"], PNG, personFields="photos").json()["person"]["photos"][0]["url"]
    second = set_photo(ann, made["resourceName"], JPEG, personFields="photos").json()["person"]["photos"][0]["url"]
    assert first != second and requests.get(second, timeout=10).content == JPEG
