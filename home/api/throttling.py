"""The API's throttles: DRF's rates (``DEFAULT_THROTTLE_RATES``: anon, user),
counted the way the site's own limits are (home.limits: django-ratelimit, one
number per client and window in the shared cache, added to atomically).

DRF's own throttles keep a list of every request's time per client in the cache,
read and written whole on each request: the cost of a request grows with the
rate, and two processes answering the same client at once can each write back
a list without the other's request. A counter costs the same at any rate and
loses no request.

A client's address is the one the site's limits use (``client_ip``: the
``X-Forwarded-For`` entry of the trusted proxy, if any). DRF's own reading
trusts any ``X-Forwarded-For`` a client sends unless ``NUM_PROXIES`` is set, so
a new made-up header on each request would never be throttled.
"""

from django_ratelimit.core import get_usage
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from home.limits import client_ip


class _CountingThrottle:
    """Mixed into a SimpleRateThrottle: the same rates and client keys, a
    fixed window counted with one cache add or increment."""

    def get_ident(self, request):
        return client_ip(request)

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        client = self.get_cache_key(request, view)
        if client is None:
            return True
        usage = get_usage(
            request,
            group=f"canyu.api.{self.scope}",
            key=lambda group, req: client,
            rate=(self.num_requests, self.duration),
            increment=True,
        )
        if usage is None:  # RATELIMIT_ENABLE = False
            return True
        self._seconds_left = usage["time_left"]
        return not usage["should_limit"]

    def wait(self):
        return max(1, getattr(self, "_seconds_left", self.duration))


class AnonymousThrottle(_CountingThrottle, AnonRateThrottle):
    """Clients without an account, by address (the ``anon`` rate)."""


class AccountThrottle(_CountingThrottle, UserRateThrottle):
    """Signed-in clients, by account (the ``user`` rate). DRF's counts clients
    without an account too, by address, under the higher rate: the ``anon``
    rate already does, so they are not counted twice."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
