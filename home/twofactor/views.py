"""allauth's TOTP set-up and recovery-codes pages, taking the user back to the
privileged screen that sent them there (``next``, kept in the session by
``two_factor_setup_redirect``) once two-factor is set up."""

from urllib.parse import urlencode

from django.urls import reverse

from allauth.mfa.recovery_codes.views import ViewRecoveryCodesView
from allauth.mfa.totp.views import ActivateTOTPView

from home.twofactor import NEXT_SESSION_KEY, forget_two_factor, safe_next


def _next_url(request) -> str:
    return safe_next(
        request, request.GET.get("next") or request.session.get(NEXT_SESSION_KEY)
    )


class ActivateTOTPThenReturnView(ActivateTOTPView):
    """After set-up: the new recovery codes first (as allauth shows them), with a
    way on to ``next``; straight to ``next`` when there are no new codes."""

    def get_success_url(self) -> str:
        forget_two_factor(self.request.user)
        next_url = _next_url(self.request)
        if not next_url:
            return super().get_success_url()
        if self.did_generate_recovery_codes:
            return (
                f"{reverse('mfa_view_recovery_codes')}?{urlencode({'next': next_url})}"
            )
        self.request.session.pop(NEXT_SESSION_KEY, None)
        return next_url


class RecoveryCodesThenReturnView(ViewRecoveryCodesView):
    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["next_url"] = _next_url(self.request)
        return context


activate_totp = ActivateTOTPThenReturnView.as_view()
view_recovery_codes = RecoveryCodesThenReturnView.as_view()
