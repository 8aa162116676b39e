"""The endpoint browsers send Content-Security-Policy violation reports to (the
policy's ``report-uri``). Reports are logged, not stored: anyone can post one, so
the endpoint takes no CSRF token, refuses bodies over a few kilobytes, counts
reports per client IP in the shared cache and logs only a few bounded fields."""

import json
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from allauth.account.adapter import get_adapter

logger = logging.getLogger("home.csp")

MAX_REPORT_BYTES = 8 * 1024  # a report is about 1 KB; a batch of a few fits
FIELD_CHARS = 300
# The old report-uri format (application/csp-report) and the Reporting API's
# (application/reports+json) name the same facts differently.
FIELDS = {
    "document": ("document-uri", "documentURL"),
    "directive": ("effective-directive", "effectiveDirective", "violated-directive"),
    "blocked": ("blocked-uri", "blockedURL"),
    "source": ("source-file", "sourceFile"),
    "line": ("line-number", "lineNumber"),
    "sample": ("script-sample", "sample"),
    "disposition": ("disposition",),
}


def _violations(payload) -> list[dict]:
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        return [payload["csp-report"]]
    if isinstance(payload, list):
        return [
            item["body"]
            for item in payload
            if isinstance(item, dict)
            and item.get("type") == "csp-violation"
            and isinstance(item.get("body"), dict)
        ]
    return []


def _summary(violation: dict) -> dict[str, str]:
    summary = {}
    for name, keys in FIELDS.items():
        value = next((violation[key] for key in keys if key in violation), None)
        if value not in (None, ""):
            summary[name] = str(value)[:FIELD_CHARS]
    return summary


def _over_rate_limit(request) -> bool:
    key = f"csp-report:{get_adapter().get_client_ip(request)}"
    cache.add(key, 0, timeout=60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=60)
        count = 1
    return count > settings.CANYU_CSP_REPORTS_PER_MINUTE


@csrf_exempt
@require_POST
def csp_report(request):
    """Log each violation in the posted report; 204 when read, 413 for a body
    that is too large, 429 past the per-IP rate, 400 for anything unreadable."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    if _over_rate_limit(request):
        return HttpResponse(status=429)
    body = request.read(MAX_REPORT_BYTES + 1)
    if len(body) > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    try:
        violations = _violations(json.loads(body))
    except (UnicodeDecodeError, ValueError):
        return HttpResponse(status=400)
    if not violations:
        return HttpResponse(status=400)
    for violation in violations:
        # json.dumps keeps a report's newlines and control characters out of the log.
        logger.warning(
            "CSP violation: %s", json.dumps(_summary(violation), ensure_ascii=False)
        )
    return HttpResponse(status=204)
