"""Fixtures shared by the suites that need no Odoo: a local Google on an ephemeral port."""

import pytest
from google_emulator import Emulator


@pytest.fixture(scope="session")
def emulator():
    with Emulator() as emu:
        yield emu


@pytest.fixture
def google(emulator):
    """A clean emulated Google for one test, and its control handle.

    The test fails if the emulator itself crashed while serving it: a 500 caused by an
    emulator bug must never pass for a Google error the client handled.
    """
    control = emulator.control()
    control.reset()
    yield control
    crashes = control.internal_errors()
    assert not crashes, "the emulator crashed:\n" + "\n".join(crashes)
