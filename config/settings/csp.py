"""Content-Security-Policy settings (django-csp), part of the base settings.

https://django-csp.readthedocs.io/en/latest/configuration.html
"""

from django.urls import reverse_lazy

import environ
from csp import constants as csp  # lower case: an upper-case name is a setting

env = environ.Env()

# Content-Security-Policy, sent by django-csp through home.middleware's subclass,
# which gives the admins their own policy.
# https://django-csp.readthedocs.io/en/latest/configuration.html
# The public site: no inline script and no third-party origin. A template that
# needs an inline script gives it nonce="{{ request.csp_nonce }}"; the nonce goes
# into the header only on the pages that use it.
_CSP_PUBLIC = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "img-src": [csp.SELF, "data:"],
        "style-src": [csp.SELF],
        "script-src": [csp.SELF, csp.NONCE],
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
        "report-uri": reverse_lazy("csp_report"),
    }
}
# The Wagtail admin does not run under a strict policy (wagtail#1288): /admin/ and
# /django-admin/ get this one.
CANYU_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "img-src": [csp.SELF, "data:", "blob:"],
        "style-src": [csp.SELF, csp.UNSAFE_INLINE],
        "script-src": [csp.SELF, csp.UNSAFE_INLINE, csp.UNSAFE_EVAL],
        "frame-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "frame-ancestors": [csp.SELF],
        "report-uri": reverse_lazy("csp_report"),
    }
}
# DJANGO_CSP_REPORT_ONLY=true sends the same policies as
# Content-Security-Policy-Report-Only: browsers report violations to /csp-report/
# and block nothing (to try a change of policy on the live site first).
CANYU_CSP_REPORT_ONLY = env.bool("DJANGO_CSP_REPORT_ONLY", default=False)
CONTENT_SECURITY_POLICY = None if CANYU_CSP_REPORT_ONLY else _CSP_PUBLIC
CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP_PUBLIC if CANYU_CSP_REPORT_ONLY else None
# Violation reports accepted per client IP and minute (the rest get 429).
CANYU_CSP_REPORTS_PER_MINUTE = env.int("CANYU_CSP_REPORTS_PER_MINUTE", default=30)
