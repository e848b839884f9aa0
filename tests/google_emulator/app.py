"""Wires every Google service into one router. Each service package's `api` module exposes
`install(router, world)`; the shared control routes come last."""

from .batch import api as batch
from .calendar import api as calendar
from .oauth import api as oauth
from .oauth import control as oauth_control
from .oauth.store import OAuthStore
from .people import api as people
from .push import api as push
from .shared import control


def install(router, world):
    world.register("oauth", OAuthStore(world))
    for service in (oauth, calendar, push, people, batch, oauth_control, control):
        service.install(router, world)
