"""Error reports (the emails Django sends to ADMINS, with the POST data and every
frame's local variables) never show a password, phone or ID number, from our
views or from allauth's (issue 11, leaks)."""

import re
import sys
from unittest import mock

from django.core import mail
from django.core.cache import cache
from django.core.signals import got_request_exception
from django.urls import reverse
from django.views.debug import ExceptionReporter

import pytest

from home.models import District
from tests.factories import UserFactory
from tests.volunteers.factories import VolunteerFactory
from volunteers.identity import id_check_character

pytestmark = pytest.mark.django_db

ID_BODY = "52010219900101123"
ID_NUMBER = ID_BODY + id_check_character(ID_BODY)
PHONE_TYPED = "138 1234 5678"
PHONE_DIGITS = "13812345678"
PASSWORD = "Secret-Guiyang-2026!"


@pytest.fixture
def error_reports(client):
    """Every unhandled exception of the test's requests, as the text and HTML
    report Django would mail to the admins."""
    reports = []

    def collect(sender, request, **kwargs):
        reporter = ExceptionReporter(request, *sys.exc_info())
        reports.append(reporter.get_traceback_text() + reporter.get_traceback_html())

    client.raise_request_exception = False
    got_request_exception.connect(collect)
    yield reports
    got_request_exception.disconnect(collect)


def assert_hidden(reports, *values):
    assert reports, "the request did not fail"
    for report in reports:
        for value in values:
            assert value not in report


def test_volunteer_registration_error_report_hides_id_and_phone(client, error_reports):
    user = UserFactory()
    client.force_login(user)
    with mock.patch(
        "volunteers.services.registration.volunteer_register",
        side_effect=RuntimeError("database went away"),
    ):
        response = client.post(
            "/volunteers/register/",
            {
                "real_name": "王小明",
                "phone": PHONE_TYPED,
                "id_number": ID_NUMBER,
                "gender": "male",
                "birth_year": "1990",
                "district": District.objects.get(code="520102").pk,
                "community": "花果园社区",
                "categories": ["resident"],
                "code_of_conduct": "on",
                "sensitive_data_consent": "on",
            },
        )
    assert response.status_code == 500
    assert "database went away" in error_reports[0]
    assert_hidden(error_reports, ID_NUMBER, PHONE_TYPED, PHONE_DIGITS, "王小明")


def test_volunteer_profile_edit_error_report_hides_phone(client, error_reports):
    volunteer = VolunteerFactory(phone="+8613900001111")
    client.force_login(volunteer.user)
    with mock.patch(
        "volunteers.services.registration.volunteer_profile_update",
        side_effect=RuntimeError("boom"),
    ):
        response = client.post(
            reverse("volunteers:profile_edit"),
            {
                "phone": PHONE_TYPED,
                "district": volunteer.district_id,
                "community": "新社区",
                "categories": ["student"],
            },
        )
    assert response.status_code == 500
    assert_hidden(error_reports, PHONE_TYPED, PHONE_DIGITS, "13900001111")


def test_account_profile_edit_error_report_hides_phone(client, error_reports):
    client.force_login(UserFactory())
    with mock.patch(
        "home.services.profiles.user_profile_update",
        side_effect=RuntimeError("boom"),
    ):
        response = client.post(
            reverse("home:profile_edit"),
            {"display_name": "张三", "phone": PHONE_TYPED},
        )
    assert response.status_code == 500
    assert_hidden(error_reports, PHONE_TYPED, PHONE_DIGITS)


def test_password_reset_from_key_error_report_hides_the_password(
    client, error_reports, django_capture_on_commit_callbacks
):
    cache.clear()
    UserFactory(email="forgetful@example.cn")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_reset_password"), {"email": "forgetful@example.cn"}
        )
    link = re.search(r"https?://[^\s]+", mail.outbox[0].body).group(0)
    response = client.get(re.sub(r"^https?://[^/]+", "", link), follow=True)
    form_path = response.redirect_chain[-1][0]
    with mock.patch(
        "allauth.account.forms.ResetPasswordKeyForm.save",
        side_effect=RuntimeError("boom"),
    ):
        response = client.post(
            form_path, {"password1": PASSWORD, "password2": PASSWORD}
        )
    assert response.status_code == 500
    assert_hidden(error_reports, PASSWORD)
    cache.clear()
