"""Rows of the URL × role matrix: the home app (account page, units, members,
open facilities and their management) and its page types (home, content pages,
pledges)."""

from tests.security.matrix_table import Row, expect

ROWS = {
    "home:consent": Row(expect("200", anonymous="login")),
    "home:close_account": Row(expect("302", anonymous="login")),
    "home:close_account_cancel": Row(expect("405", anonymous="login"), post_only=True),
    "home:dashboard": Row(expect("200", anonymous="login")),
    # Elder mode on or off: a cookie for anyone, back to a page of this site.
    "home:display_mode": Row(expect("405"), post_only=True, post_anonymous="302"),
    "home:data_export": Row(expect("200", anonymous="login")),
    # The owner (the volunteer) is sent to confirm their password first: allauth
    # counts only an explicit re-authentication, never the sign-in itself.
    "home:data_export_download": Row(
        expect("404", anonymous="login", volunteer="302"),
        export_id="data_export.pk",
    ),
    "home:data_export_request": Row(expect("405", anonymous="login"), post_only=True),
    "home:inbox": Row(expect("200", anonymous="login")),
    # Opening a message marks it read: POST only (whoever's it is, GET is 405).
    "home:inbox_open": Row(
        expect("405", anonymous="login"), post_only=True, message_id=1
    ),
    "home:inbox_read_all": Row(expect("405", anonymous="login"), post_only=True),
    "home:inbox_settings": Row(expect("200", anonymous="login")),
    "home:facility_booking_calendar": Row(
        expect("200"), token="booking_calendar_token"
    ),
    "home:facility_booking_calendar_reset": Row(
        expect("405", anonymous="login"), post_only=True
    ),
    "home:facility_booking_calendar_revoke": Row(
        expect("405", anonymous="login"), post_only=True
    ),
    "home:facility_booking_cancel": Row(
        expect("405", anonymous="login"), post_only=True, pk="booking.pk"
    ),
    "home:facility_booking_ics": Row(
        expect("404", anonymous="login", resident="200"), pk="booking.pk"
    ),
    "home:facility_detail": Row(expect("200"), pk="facility.pk"),
    "home:facility_list": Row(expect("200")),
    "home:profile_edit": Row(expect("200", anonymous="login")),
    "home:participation": Row(expect("200", anonymous="login")),
    "home:account_settings": Row(expect("200", anonymous="login")),
    "home:my_access_log": Row(expect("200", anonymous="login")),
    "home:search": Row(expect("200")),
    "home:unit_booking_approve": Row(
        expect("405", no2fa="totp", anonymous="login"),
        post_only=True,
        slug="unit_a.slug",
        pk="booking.pk",
    ),
    "home:unit_booking_decline": Row(
        expect("405", no2fa="totp", anonymous="login"),
        post_only=True,
        slug="unit_a.slug",
        pk="booking.pk",
    ),
    "home:unit_bookings": Row(
        expect(
            "403",
            no2fa="totp",
            anonymous="login",
            admin_own="200",
            editor_own="200",
            staff_2fa="200",
        ),
        slug="unit_a.slug",
    ),
    "home:unit_detail": Row(expect("200"), slug="unit_a.slug"),
    "home:unit_facilities": Row(
        expect(
            "403",
            no2fa="totp",
            anonymous="login",
            admin_own="200",
            editor_own="200",
            staff_2fa="200",
        ),
        slug="unit_a.slug",
    ),
    "home:unit_facility_create": Row(
        expect(
            "403",
            no2fa="totp",
            anonymous="login",
            admin_own="200",
            editor_own="200",
            staff_2fa="200",
        ),
        slug="unit_a.slug",
    ),
    "home:unit_facility_edit": Row(
        expect(
            "403",
            no2fa="totp",
            anonymous="login",
            admin_own="200",
            editor_own="200",
            staff_2fa="200",
        ),
        slug="unit_a.slug",
        pk="facility.pk",
    ),
    "home:unit_facility_set_active": Row(
        expect("405", no2fa="totp", anonymous="login"),
        post_only=True,
        slug="unit_a.slug",
        pk="facility.pk",
    ),
    "home:unit_list": Row(expect("200")),
    "home:unit_member_remove": Row(
        expect("405", no2fa="totp", anonymous="login"),
        post_only=True,
        slug="unit_a.slug",
        membership_id="membership_b.pk",
    ),
    "home:unit_members": Row(
        expect(
            "403", no2fa="totp", anonymous="login", admin_own="200", staff_2fa="200"
        ),
        slug="unit_a.slug",
    ),
    "page:home.HomePage": Row(expect("200"), page="home_page"),
    "page:home.PledgeIndexPage": Row(expect("200"), page="pledge_index"),
    "page:home.PledgePage": Row(expect("200"), page="pledge"),
    "page:home.PledgePage:pdf": Row(expect("200"), page="pledge"),
    # The evidence of a draft report: the unit's admins and editors, and staff.
    "page:home.PledgePage:evidence": Row(
        expect("404", admin_own="200", editor_own="200", staff_2fa="200", no2fa="totp"),
        path=lambda w: f"{w.pledge.url}evidence/{w.evidence.pk}/",
    ),
    "page:home.PledgePage:report": Row(
        expect(
            "403",
            no2fa="totp",
            anonymous="login",
            admin_own="200",
            editor_own="200",
            staff_2fa="200",
        ),
        page="pledge",
    ),
    "page:home.StandardPage": Row(expect("200"), page="standard_page"),
    "page:home.UnitPledgesPage": Row(expect("200"), page="pledge_folder"),
    # The personal data access log in the Wagtail admin: staff with two-factor.
    "admin/* personal data access log": Row(
        expect(
            "login",
            no2fa="totp",
            editor_own="302",
            editor_other="302",
            organiser_own="302",
            organiser_other="302",
            moderator="302",
            pledge_reviewer="302",
            staff_2fa="200",
        ),
        path="/admin/access-log/",
    ),
}
