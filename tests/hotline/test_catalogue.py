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
