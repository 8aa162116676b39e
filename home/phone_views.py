"""allauth's change-phone page, taking the user back to the page that asked for
a verified mobile number (``?next=``, kept in the session while the SMS code is
confirmed on allauth's verify page, which returns here)."""

from django.shortcuts import redirect

from allauth.account.views import ChangePhoneView

from home.phone import has_verified_phone
from home.twofactor import safe_next

NEXT_SESSION_KEY = "canyu_phone_next"


class ChangePhoneThenReturnView(ChangePhoneView):
    def get(self, request, *args, **kwargs):
        next_url = safe_next(request, request.GET.get("next"))
        if next_url:
            request.session[NEXT_SESSION_KEY] = next_url
        elif has_verified_phone(request.user) and (
            stored := safe_next(request, request.session.pop(NEXT_SESSION_KEY, ""))
        ):
            # Back from allauth's verify page with the number confirmed.
            return redirect(stored)
        return super().get(request, *args, **kwargs)


change_phone = ChangePhoneThenReturnView.as_view()
