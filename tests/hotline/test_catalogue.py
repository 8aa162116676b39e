"""The hotline's own Chinese catalogue (consultations/hotline/locale) is
complete and compiled; the inbox kinds it adds are translated."""

from pathlib import Path

from django.utils import translation

import pytest

import consultations.hotline

pytestmark = pytest.mark.django_db

CATALOGUE = (
    Path(consultations.hotline.__file__).parent / "locale/zh_Hans/LC_MESSAGES/django.po"
)


def test_every_hotline_string_has_a_chinese_translation():
    text = CATALOGUE.read_text(encoding="utf-8")
    assert "#, fuzzy" not in text
    assert '\nmsgstr ""\n\n' not in text.split("\n\n", 1)[1] + "\n\n"
    assert CATALOGUE.with_suffix(".mo").exists()


def test_chinese_is_served_for_statuses_refusals_and_inbox_kinds():
    from home.inbox.kinds import KINDS

    with translation.override("zh-hans"):
        assert translation.gettext("Only the dispatcher decides extensions.") == (
            "延期申请由调度员审核。"
        )
        assert str(KINDS["hotline_update"].label) == "我的 12319 诉求办理进展"


def test_a_closed_request_badge_says_done_not_disabled(client, hotline):
    """ "Closed" alone is 已停用 in the site catalogue; a request's status has
    its own context ("hotline status") and says 已办结."""
    from django.urls import reverse

    from consultations.hotline import services

    request = hotline.replied()
    services.request_rate(request=request, user=hotline.resident, grade="satisfied")
    client.force_login(hotline.resident)
    url = reverse("hotline:request_detail", kwargs={"reference": request.reference})
    page = client.get(url).text
    assert '<span class="badge badge--muted">已办结</span>' in page
    assert "已停用" not in page
    with translation.override("en"):
        english = client.get(
            reverse("hotline:request_detail", args=[request.reference])
        )
    assert '<span class="badge badge--muted">Closed</span>' in english.text
