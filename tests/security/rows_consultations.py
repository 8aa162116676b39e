"""Rows of the URL × role matrix: the consultations app and the consultation
page types with their routes."""

from tests.security.matrix_table import Row, expect

ROWS = {
    "consultations:answer_rates": Row(expect("200")),
    "consultations:comment_create": Row(
        expect("405"), post_only=True, page_id="consultation.pk"
    ),
    "consultations:comment_flag": Row(
        expect("405"), post_only=True, comment_id="comment.pk"
    ),
    # An appeal is its author's alone (the world's comment is the resident's).
    "consultations:comment_appeal": Row(
        expect("404", anonymous="login", resident="200"), comment_id="comment.pk"
    ),
    "consultations:comment_support": Row(
        expect("405"), post_only=True, comment_id="comment.pk"
    ),
    # The world's consultation is open: its comments export only once closed.
    "consultations:comments_csv": Row(expect("404"), page_id="consultation.pk"),
    "consultations:comments_xlsx": Row(expect("404"), page_id="consultation.pk"),
    "consultations:evaluation_list": Row(expect("200")),
    "consultations:evaluation_period": Row(
        expect("200"), period_id="evaluation_period.pk"
    ),
    "consultations:evaluation_rate": Row(
        expect("405", anonymous="login"),
        post_only=True,
        period_id="evaluation_period.pk",
        unit_id="unit_a.pk",
    ),
    "consultations:evaluation_scorecard": Row(
        expect("200"), period_id="evaluation_period.pk", unit_slug="unit_a.slug"
    ),
    # The signed-in person's own comments (the world's resident has one).
    "consultations:my_comments": Row(expect("200", anonymous="login")),
    "consultations:follow": Row(
        expect("405"), post_only=True, page_id="consultation.pk"
    ),
    "consultations:pledge_feedback_create": Row(
        expect("405"), post_only=True, page_id="pledge.pk"
    ),
    "consultations:reply_template_add": Row(
        expect(
            "403",
            no2fa="totp",
            anonymous="login",
            responder_own="200",
            responder_other="200",
            staff_2fa="200",
        )
    ),
    "consultations:reply_template_delete": Row(
        expect("405", no2fa="totp", anonymous="login"),
        post_only=True,
        template_id="reply_template.pk",
    ),
    "consultations:reply_template_edit": Row(
        expect(
            "403", no2fa="totp", anonymous="login", responder_own="200", staff_2fa="200"
        ),
        template_id="reply_template.pk",
    ),
    "consultations:reply_templates": Row(
        expect(
            "403",
            no2fa="totp",
            anonymous="login",
            responder_own="200",
            responder_other="200",
            staff_2fa="200",
        )
    ),
    "consultations:respond_comment": Row(
        expect(
            "403", no2fa="totp", anonymous="login", responder_own="200", staff_2fa="200"
        ),
        comment_id="comment.pk",
    ),
    "consultations:respond_dashboard": Row(
        expect(
            "403",
            no2fa="totp",
            anonymous="login",
            responder_own="200",
            responder_other="200",
            staff_2fa="200",
        )
    ),
    "consultations:survey_submit": Row(
        expect("405", anonymous="login"), post_only=True, page_id="consultation.pk"
    ),
    "consultations:unfollow": Row(
        expect("405"), post_only=True, page_id="consultation.pk"
    ),
    "page:consultations.ConsultationIndexPage": Row(
        expect("200"), page="consultation_index"
    ),
    "page:consultations.ConsultationPage": Row(expect("200"), page="consultation"),
    "page:consultations.ConsultationPage:comment_create": Row(
        expect("405"), post_only=True, page="consultation"
    ),
    "page:consultations.ConsultationPage:comment_flag": Row(
        expect("405"), post_only=True, page="consultation", comment_id="comment.pk"
    ),
    "page:consultations.ConsultationPage:comment_support": Row(
        expect("405"), post_only=True, page="consultation", comment_id="comment.pk"
    ),
    "page:consultations.ConsultationPage:follow": Row(
        expect("405"), post_only=True, page="consultation"
    ),
    "page:consultations.ConsultationPage:survey_submit": Row(
        expect("405", anonymous="login"), post_only=True, page="consultation"
    ),
    "page:consultations.ConsultationPage:unfollow": Row(
        expect("405"), post_only=True, page="consultation"
    ),
}
