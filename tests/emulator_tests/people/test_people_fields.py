"""Table-driven checks of the Person shaping functions: masks, labels, computed names and phone forms."""

import pytest
from google_emulator.people import fields as pf
from google_emulator.shared.errors import ApiError


@pytest.mark.parametrize(
    "value, expected",
    [
        ("homeFax", "Home Fax"),
        ("googleVoice", "Google Voice"),
        ("mobile", "Mobile"),
        ("workMobile", "Work Mobile"),
        ("male", "Male"),
        ("My own kind", "My own kind"),
        ("HOME", "HOME"),
    ],
)
def test_label(value, expected):
    assert pf.label(value) == expected


@pytest.mark.parametrize(
    "name, display, last_first",
    [
        ({"givenName": "Ann", "familyName": "Lee"}, "Ann Lee", "Lee, Ann"),
        ({"givenName": "Ann"}, "Ann", "Ann"),
        ({"familyName": "Lee"}, "Lee", "Lee"),
        ({"givenName": "Ann", "middleName": "May", "familyName": "Lee"}, "Ann May Lee", "Lee, Ann May"),
        (
            {"honorificPrefix": "Dr.", "givenName": "Ann", "familyName": "Lee", "honorificSuffix": "PhD"},
            "Dr. Ann Lee, PhD",
            "Lee, Dr. Ann, PhD",
        ),
        ({"unstructuredName": "Ann Lee"}, "Ann Lee", "Ann Lee"),
    ],
)
def test_names_get_display_forms(name, display, last_first):
    shaped = pf.shape("names", [name], "abc")[0]
    assert (shaped["displayName"], shaped["displayNameLastFirst"]) == (display, last_first)
    assert shaped["unstructuredName"] == name.get("unstructuredName", display)


@pytest.mark.parametrize(
    "value, canonical",
    [
        ("+1 650-555-0100", "+16505550100"),
        ("+32 (2) 555.01.00", "+3225550100"),
        ("+3212345678", "+3212345678"),
        ("0477 12 34 56", None),
        ("+0123456789", None),
        ("+12", None),
        ("call me", None),
    ],
)
def test_phone_canonical_form_for_international_numbers(value, canonical):
    assert pf.shape("phoneNumbers", [{"value": value}], "abc")[0].get("canonicalForm") == canonical


@pytest.mark.parametrize(
    "raw, required, expected",
    [
        ("names", True, {"names"}),
        (" names , emailAddresses ", True, {"names", "emailAddresses"}),
        ("names,,phoneNumbers", True, {"names", "phoneNumbers"}),
        ("", False, None),
        (None, False, None),
    ],
)
def test_parse_mask_accepts(raw, required, expected):
    assert pf.parse_mask(raw, "personFields", pf.READ_FIELDS, "people/get", required) == expected


@pytest.mark.parametrize(
    "raw, valid, fragment",
    [
        ("", pf.READ_FIELDS, "personFields mask is required"),
        (" , ", pf.READ_FIELDS, "mask is required"),
        ("names,foo", pf.READ_FIELDS, 'Invalid personFields mask path: "foo"'),
        ("metadata", pf.WRITE_FIELDS, 'Invalid personFields mask path: "metadata"'),
    ],
)
def test_parse_mask_rejects(raw, valid, fragment):
    with pytest.raises(ApiError) as caught:
        pf.parse_mask(raw, "personFields", valid, "people/get")
    assert caught.value.code == 400 and caught.value.status == "INVALID_ARGUMENT" and fragment in caught.value.message


@pytest.mark.parametrize(
    "field, item, dropped",
    [
        ("names", {"givenName": "A", "displayName": "x", "displayNameLastFirst": "y"}, {"displayName": "A"}),
        ("phoneNumbers", {"value": "123", "canonicalForm": "+1", "formattedType": "T"}, {"canonicalForm": None}),
        (
            "emailAddresses",
            {"value": "a@x.org", "displayName": "Kept", "metadata": {"primary": False}},
            {"displayName": "Kept"},
        ),
    ],
)
def test_output_only_input_is_replaced_by_what_google_computes(field, item, dropped):
    data = pf.clean_person({field: [item]}, [field])
    shaped = pf.shape(field, data[field], "abc")[0]
    for key, value in dropped.items():
        assert shaped.get(key) == value
    assert shaped["metadata"] == {"primary": True, "sourcePrimary": True, "source": {"type": "CONTACT", "id": "abc"}}


@pytest.mark.parametrize(
    "address, text",
    [
        (
            {"streetAddress": "1 Main St", "city": "Gent", "postalCode": "9000", "country": "Belgium"},
            "1 Main St\nGent 9000\nBelgium",
        ),
        ({"formattedValue": "As typed", "city": "Gent"}, "As typed"),
        ({"poBox": "12", "city": "Gent"}, "PO Box 12\nGent"),
    ],
)
def test_address_formatted_value(address, text):
    assert pf.shape("addresses", [address], "abc")[0]["formattedValue"] == text
