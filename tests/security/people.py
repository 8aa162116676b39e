"""Who submits the hostile input (tests/security/fields.py): signed-in clients
of the world's people, a new resident where a form takes one answer each."""

from django.test import Client


def anonymous() -> Client:
    return Client()


def as_user(world, user) -> Client:
    return world.people.client_for(user)


def page_of(world, page, user=None):
    client = as_user(world, user) if user else anonymous()
    return client, page.url


def new_resident(world, number) -> Client:
    """A new account (forms that take one answer per person, and the per-person
    limits on comments)."""
    from tests.factories import UserFactory

    user = UserFactory(display_name=f"居民{number}")
    world.last_user = user
    return as_user(world, user)
