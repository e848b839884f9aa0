"""Wires every API area into one router. Each area module exposes `install(router, world)`."""

from . import batch, calendar_api, control, oauth, people, push
from .oauth_store import OAuthStore


def install(router, world):
    world.register("oauth", OAuthStore(world))
    for area in (oauth, calendar_api, push, people, batch, control):
        area.install(router, world)
