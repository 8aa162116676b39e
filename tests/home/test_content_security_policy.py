"""Content-Security-Policy (django-csp): the public site's strict policy, the
admin's own, report-only mode, nonces, and the violation report endpoint."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from django.core.cache import cache
from django.http import HttpResponse
from django.template import engines
from django.test import Client, RequestFactory
from django.urls import reverse

import pytest

from home.middleware import ContentSecurityPolicyMiddleware

ROOT = Path(__file__).resolve().parents[2]
REPORT_URI = "/csp-report/"
PUBLIC_POLICY = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "style-src": "'self'",
    "script-src": "'self'",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "report-uri": REPORT_URI,
}
ADMIN_POLICY = {
    "default-src": "'self'",
    "img-src": "'self' data: blob:",
    "style-src": "'self' 'unsafe-inline'",
    "script-src": "'self' 'unsafe-inline' 'unsafe-eval'",
    "frame-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'self'",
    "report-uri": REPORT_URI,
}


def directives(header: str) -> dict[str, str]:
    """The policy as {directive: sources} (django-csp does not keep an order)."""
    parts = (part.strip().split(" ", 1) for part in header.split(";"))
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_public_pages_get_the_strict_policy(client):
    for url in ("/robots.txt", reverse("home:search")):
        response = client.get(url)
        assert response.status_code == 200
        assert directives(response["Content-Security-Policy"]) == PUBLIC_POLICY
        assert "Content-Security-Policy-Report-Only" not in response


@pytest.mark.django_db
def test_admin_gets_its_own_looser_policy(client):
    for url in ("/admin/", "/django-admin/"):
        response = client.get(url)
        assert directives(response["Content-Security-Policy"]) == ADMIN_POLICY


def _render_with_middleware(path: str, template: str):
    request = RequestFactory().get(path)
    middleware = ContentSecurityPolicyMiddleware(
        lambda request: HttpResponse(
            engines["django"].from_string(template).render(request=request)
        )
    )
    return middleware(request)


def test_an_inline_script_with_the_request_nonce_is_allowed():
    response = _render_with_middleware(
        "/somewhere/", '<script nonce="{{ request.csp_nonce }}">go()</script>'
    )
    nonce = response.content.decode().split('nonce="')[1].split('"')[0]
    assert len(nonce) >= 16
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == f"'self' 'nonce-{nonce}'"
    # A page without an inline script keeps the policy unchanged.
    plain = _render_with_middleware("/somewhere/", "<p>no script</p>")
    assert directives(plain["Content-Security-Policy"]) == PUBLIC_POLICY


def test_report_only_mode_blocks_nothing_and_keeps_both_policies(settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None
    public = _render_with_middleware("/", "<p>hello</p>")
    admin = _render_with_middleware("/admin/pages/", "<p>admin</p>")
    assert "Content-Security-Policy" not in public
    assert "Content-Security-Policy" not in admin
    assert directives(public["Content-Security-Policy-Report-Only"]) == PUBLIC_POLICY
    assert directives(admin["Content-Security-Policy-Report-Only"]) == ADMIN_POLICY


@pytest.mark.parametrize(("value", "report_only"), [("", False), ("true", True)])
def test_report_only_mode_follows_the_environment(value, report_only):
    environment = {
        key: val for key, val in os.environ.items() if not key.startswith("DJANGO_")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.test", DJANGO_CSP_REPORT_ONLY=value
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.CONTENT_SECURITY_POLICY is None, "
            "s.CONTENT_SECURITY_POLICY_REPORT_ONLY is None)",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.split() == [str(report_only), str(not report_only)]


def _report(**fields):
    return json.dumps({"csp-report": fields})


def test_violation_reports_are_logged_without_a_csrf_token(caplog):
    client = Client(enforce_csrf_checks=True)
    with caplog.at_level(logging.WARNING, logger="home.csp"):
        response = client.post(
            REPORT_URI,
            _report(
                **{
                    "document-uri": "https://canyu.example.cn/consultations/1/",
                    "violated-directive": "script-src-elem",
                    "effective-directive": "script-src-elem",
                    "blocked-uri": "inline",
                    "script-sample": "alert(1)\nFAKE LOG LINE",
                }
            ),
            content_type="application/csp-report",
        )
    assert response.status_code == 204
    (record,) = caplog.records
    message = record.getMessage()
    assert "\n" not in message  # a report cannot forge a log line
    assert "/consultations/1/" in message and "script-src-elem" in message


def test_reporting_api_batches_are_logged_too(caplog):
    batch = [
        {
            "type": "csp-violation",
            "body": {
                "documentURL": "https://canyu.example.cn/",
                "effectiveDirective": "img-src",
                "blockedURL": "https://tracker.example/p.gif",
            },
        },
        {"type": "deprecation", "body": {"id": "x"}},
    ]
    with caplog.at_level(logging.WARNING, logger="home.csp"):
        response = Client().post(
            REPORT_URI, json.dumps(batch), content_type="application/reports+json"
        )
    assert response.status_code == 204
    (record,) = caplog.records
    assert "tracker.example" in record.getMessage()


def test_report_endpoint_refuses_what_is_not_a_report():
    client = Client()
    assert client.get(REPORT_URI).status_code == 405
    assert (
        client.post(REPORT_URI, "not json", content_type="application/json").status_code
        == 400
    )
    assert (
        client.post(REPORT_URI, "{}", content_type="application/json").status_code
        == 400
    )


def test_report_endpoint_refuses_large_bodies(caplog):
    big = _report(**{"document-uri": "https://x/", "script-sample": "a" * 10_000})
    with caplog.at_level(logging.WARNING, logger="home.csp"):
        response = Client().post(REPORT_URI, big, content_type="application/csp-report")
    assert response.status_code == 413
    assert [r for r in caplog.records if r.name == "home.csp"] == []


def test_report_endpoint_limits_reports_per_client_ip(settings):
    settings.CANYU_CSP_REPORTS_PER_MINUTE = 3
    report = _report(**{"document-uri": "https://x/", "blocked-uri": "inline"})
    client = Client(REMOTE_ADDR="203.0.113.5")
    statuses = [
        client.post(
            REPORT_URI, report, content_type="application/csp-report"
        ).status_code
        for _ in range(5)
    ]
    assert statuses == [204, 204, 204, 429, 429]
    other = Client(REMOTE_ADDR="203.0.113.6")
    response = other.post(REPORT_URI, report, content_type="application/csp-report")
    assert response.status_code == 204
