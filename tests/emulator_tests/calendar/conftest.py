"""Fixtures of the Calendar emulator tests: seeded accounts and an authorised client per account."""

import pytest
from calendar_support import ALICE, BOB, Api, add_accounts


@pytest.fixture
def accounts(google):
    return add_accounts(google)


@pytest.fixture
def alice(accounts, emulator):
    return Api(accounts, emulator, ALICE)


@pytest.fixture
def bob(accounts, emulator):
    return Api(accounts, emulator, BOB)
