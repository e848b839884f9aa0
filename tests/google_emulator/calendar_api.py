"""Placeholder: filled in by this area's owner."""


def install(router, world):
    pass
