"""Rows of the URL × role matrix: the authenticated API (the caller's own data,
organisers' screens), the app's sign-in (allauth headless, app client) and the
personal access tokens page.

The matrix's clients are signed in to the site (a session cookie): the API takes
the site session too (reads; writes need its CSRF token), so each role reads its
own data. The app's sign-in endpoints ignore cookies (the app sends
``X-Session-Token``): every role gets what an anonymous app gets."""

from tests.security.matrix_table import Row, expect

# GET on a POST-only endpoint of the API: 405 once signed in, 401 before.
API_POST_ONLY = expect("405", anonymous="401")
HEADLESS = "headless:app"

ROWS = {
    "home:api_tokens": Row(expect("200", anonymous="login")),
    "home:api_token_revoke": Row(
        expect("405", anonymous="login"), post_only=True, token_id=1
    ),
    "api:me": Row(expect("200", anonymous="401")),
    "api:me_bookings": Row(expect("200", anonymous="401")),
    "api:me_follows": Row(expect("200", anonymous="401")),
    "api:me_volunteer": Row(
        expect("403", anonymous="401", volunteer="200", team_leader="200")
    ),
    "api:me_signups": Row(
        expect("403", anonymous="401", volunteer="200", team_leader="200")
    ),
    "api:me_service_records": Row(
        expect("403", anonymous="401", volunteer="200", team_leader="200")
    ),
    "api:me_points": Row(
        expect("403", anonymous="401", volunteer="200", team_leader="200")
    ),
    "api:me_certificates": Row(
        expect("403", anonymous="401", volunteer="200", team_leader="200")
    ),
    "api:me_certificate_pdf": Row(
        # The volunteer's own is downloaded (the file is made by a task: none
        # here); staff without two-factor are sent to set it up, as on the site.
        expect("404", anonymous="401", staff_no2fa="totp"),
        certificate_id="certificate.pk",
    ),
    "api:me_checkin": Row(API_POST_ONLY, post_only=True, post_anonymous="401"),
    "api:me_signup_cancel": Row(
        API_POST_ONLY, post_only=True, post_anonymous="401", signup_id="signup.pk"
    ),
    "api:me_comment_create": Row(
        API_POST_ONLY,
        post_only=True,
        post_anonymous="401",
        consultation_id="consultation.pk",
    ),
    "api:me_comment_support": Row(
        API_POST_ONLY, post_only=True, post_anonymous="401", comment_id="comment.pk"
    ),
    "api:me_follow": Row(
        API_POST_ONLY,
        post_only=True,
        post_anonymous="401",
        consultation_id="consultation.pk",
    ),
    "api:organiser_shift_roster": Row(
        expect("403", anonymous="401", organiser_own="200", staff_2fa="200"),
        shift_id="shift.pk",
    ),
    "api:organiser_pending_records": Row(
        # Another unit's organiser gets an empty list, as on the site.
        expect(
            "403",
            anonymous="401",
            organiser_own="200",
            organiser_other="200",
            staff_2fa="200",
        )
    ),
    "api:organiser_approve_records": Row(
        expect("405", anonymous="401", no2fa="403"),
        post_only=True,
        post_anonymous="401",
    ),
}

# GET on the app's sign-in endpoints, whoever the site session belongs to.
HEADLESS_GET = {
    "config": "200",
    "account:confirm_login_code": "409",
    "account:verify_phone": "409",
    "account:reset_password": "400",
    "account:verify_email": "400",
    "account:login": "405",
    "account:request_login_code": "405",
    "account:request_password_reset": "405",
    "account:resend_email_verification_code": "405",
    "account:resend_login_code": "405",
    "account:resend_phone_verification_code": "405",
    "account:signup": "405",
    "tokens:refresh": "405",
}
for name in (
    "account:change_password",
    "account:confirm_login_code",
    "account:current_session",
    "account:login",
    "account:manage_email",
    "account:manage_phone",
    "account:reauthenticate",
    "account:request_login_code",
    "account:request_password_reset",
    "account:resend_email_verification_code",
    "account:resend_login_code",
    "account:resend_phone_verification_code",
    "account:reset_password",
    "account:signup",
    "account:verify_email",
    "account:verify_phone",
    "config",
    "mfa:authenticate",
    "mfa:authenticators",
    "mfa:manage_recovery_codes",
    "mfa:manage_totp",
    "mfa:reauthenticate",
    "tokens:refresh",
):
    ROWS[f"{HEADLESS}:{name}"] = Row(expect(HEADLESS_GET.get(name, "401")))
