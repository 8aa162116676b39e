"""The project's domain exception, shared by every app."""


class ServiceError(Exception):
    """A refusal with a message meant for the user."""
