"""A local, faithful Google: OAuth 2.0, Calendar v3 (with batch and push) and People v1.

See README.md beside this file.
"""

from .server import Emulator

__all__ = ["Emulator"]
