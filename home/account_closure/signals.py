"""Signing in during the grace period cancels a pending closure, and says so."""

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import gettext as _

from home.account_closure import services


@receiver(user_logged_in, dispatch_uid="account_closure_cancel_on_login")
def cancel_closure_on_login(sender, request, user, **kwargs):
    closure = services.account_closure_cancel_on_login(user=user)
    if closure is not None and request is not None:
        messages.success(
            request,
            _(
                "Welcome back. You signed in before your account was closed, so "
                "the closure is cancelled and your account stays as it was."
            ),
        )
