"""Rows of the URL × role matrix: the volunteers app (registration, review,
teams, rosters, attendance, hours, points) and the activity page types with
their routes."""

from tests.security.matrix_table import Row, expect

ROWS = {
    "page:volunteers.ActivityIndexPage": Row(expect("200"), page="activity_index"),
    "page:volunteers.ActivityPage": Row(expect("200"), page="activity"),
    "page:volunteers.ActivityPage:shift_signup": Row(
        expect("405"), post_only=True, page="activity", shift_id="shift.pk"
    ),
    "page:volunteers.ActivityPage:signup_cancel": Row(
        expect("405"), post_only=True, page="activity", signup_id="signup.pk"
    ),
    "page:volunteers.UnitActivitiesPage": Row(expect("200"), page="activity_folder"),
    "volunteers:activity_calendar": Row(expect("200"), page_id="activity.pk"),
    "volunteers:shift_calendar": Row(expect("200"), shift_id="shift.pk"),
    "volunteers:attendance_entry": Row(
        expect("405", no2fa="totp", anonymous="login"),
        post_only=True,
        shift_id="past_shift.pk",
        volunteer_id="volunteer.pk",
    ),
    "volunteers:attendance_whole_shift": Row(
        expect("405", no2fa="totp", anonymous="login"),
        post_only=True,
        shift_id="past_shift.pk",
    ),
    "volunteers:certificate_download": Row(
        expect("404", anonymous="login", staff_no2fa="totp"),
        certificate_id="certificate.pk",
    ),
    "volunteers:certificate_verify": Row(
        expect("200"), token="certificate.verification_token"
    ),
    "volunteers:certificates": Row(
        expect("302", anonymous="login", volunteer="200", team_leader="200")
    ),
    "volunteers:checkin_code": Row(
        expect(
            "403", no2fa="totp", anonymous="login", organiser_own="200", staff_2fa="200"
        ),
        shift_id="shift.pk",
    ),
    "volunteers:checkin_code_current": Row(
        expect(
            "403", no2fa="totp", anonymous="login", organiser_own="200", staff_2fa="200"
        ),
        shift_id="shift.pk",
    ),
    "volunteers:checkin_scan": Row(
        expect("403", anonymous="login", volunteer="200", team_leader="200"),
        token="checkin_token",
    ),
    "volunteers:correction_decide": Row(
        expect("405", no2fa="totp", anonymous="login"),
        post_only=True,
        correction_id="correction.pk",
    ),
    "volunteers:hours_chart": Row(
        expect("302", anonymous="login", volunteer="200", team_leader="200")
    ),
    "volunteers:leaderboards": Row(expect("200")),
    "volunteers:my_service_record": Row(
        expect("302", anonymous="login", volunteer="200", team_leader="404"),
        record_id="record.pk",
    ),
    "volunteers:my_service_records": Row(
        expect("302", anonymous="login", volunteer="200", team_leader="200")
    ),
    "volunteers:pending_approvals": Row(
        expect(
            "403",
            no2fa="totp",
            anonymous="login",
            organiser_own="200",
            organiser_other="200",
            staff_2fa="200",
        )
    ),
    "volunteers:consent_withdraw": Row(expect("302", anonymous="login")),
    "volunteers:points": Row(
        expect("302", anonymous="login", volunteer="200", team_leader="200")
    ),
    "volunteers:profile": Row(
        expect("302", anonymous="login", volunteer="200", team_leader="200")
    ),
    "volunteers:profile_edit": Row(
        expect("302", anonymous="login", volunteer="200", team_leader="200")
    ),
    "volunteers:register": Row(
        expect("200", anonymous="login", volunteer="302", team_leader="302")
    ),
    "volunteers:review_detail": Row(
        expect(
            "403",
            no2fa="totp",
            anonymous="login",
            admin_own="200",
            admin_other="404",
            organiser_own="200",
            organiser_other="404",
            staff_2fa="200",
        ),
        volunteer_id="applicant.pk",
    ),
    "volunteers:review_list": Row(
        expect(
            "403",
            no2fa="totp",
            anonymous="login",
            admin_own="200",
            admin_other="200",
            organiser_own="200",
            organiser_other="200",
            staff_2fa="200",
        )
    ),
    "volunteers:review_service_record": Row(
        expect(
            "403",
            no2fa="totp",
            anonymous="login",
            organiser_own="200",
            organiser_other="404",
            staff_2fa="200",
        ),
        record_id="pending_record.pk",
    ),
    "volunteers:reward_redeem": Row(
        expect("405", anonymous="login"), post_only=True, reward_id="reward.pk"
    ),
    "volunteers:rewards": Row(expect("200")),
    "volunteers:roster": Row(
        expect(
            "403", no2fa="totp", anonymous="login", organiser_own="200", staff_2fa="200"
        ),
        page_id="activity.pk",
    ),
    "volunteers:roster_csv": Row(
        expect(
            "403", no2fa="totp", anonymous="login", organiser_own="200", staff_2fa="200"
        ),
        page_id="activity.pk",
    ),
    "volunteers:roster_message": Row(
        expect("405", no2fa="totp", anonymous="login"),
        post_only=True,
        page_id="activity.pk",
    ),
    "volunteers:roster_no_show": Row(
        expect("405", no2fa="totp", anonymous="login"),
        post_only=True,
        page_id="activity.pk",
        signup_id="signup.pk",
    ),
    "volunteers:roster_undo_no_show": Row(
        expect("405", no2fa="totp", anonymous="login"),
        post_only=True,
        page_id="activity.pk",
        signup_id="signup.pk",
    ),
    "volunteers:roster_xlsx": Row(
        expect(
            "403", no2fa="totp", anonymous="login", organiser_own="200", staff_2fa="200"
        ),
        page_id="activity.pk",
    ),
    "volunteers:service_records_csv": Row(
        expect(
            "403",
            no2fa="totp",
            anonymous="login",
            admin_own="200",
            organiser_own="200",
            staff_2fa="200",
        ),
        slug="unit_a.slug",
    ),
    "volunteers:service_records_xlsx": Row(
        expect(
            "403",
            no2fa="totp",
            anonymous="login",
            admin_own="200",
            organiser_own="200",
            staff_2fa="200",
        ),
        slug="unit_a.slug",
    ),
    "volunteers:shift_attendance": Row(
        expect(
            "403", no2fa="totp", anonymous="login", organiser_own="200", staff_2fa="200"
        ),
        shift_id="past_shift.pk",
    ),
    "volunteers:team_detail": Row(expect("200"), slug="team.slug"),
    "volunteers:team_join": Row(
        expect("405", anonymous="login"), post_only=True, slug="team.slug"
    ),
    "volunteers:team_leave": Row(
        expect("405", anonymous="login"), post_only=True, slug="team.slug"
    ),
    "volunteers:team_list": Row(expect("200")),
    "volunteers:team_requests": Row(
        expect(
            "403",
            anonymous="login",
            team_leader="200",
            staff_no2fa="totp",
            staff_2fa="200",
        ),
        slug="team.slug",
    ),
    "volunteers:volunteer_calendar": Row(
        expect("200"), token="volunteer.calendar_token"
    ),
    "volunteers:volunteer_calendar_reset": Row(
        expect("405", anonymous="login"), post_only=True
    ),
}
