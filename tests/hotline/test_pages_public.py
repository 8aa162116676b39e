"""The public pages over HTTP: the anonymised board, the yearly table, and each
unit's figures on its profile and its evaluation scorecard (one selector)."""

from datetime import timedelta

from django.urls import reverse

from consultations.hotline import services
from consultations.models import EvaluationPeriod
from tests.clock import at, shanghai
from tests.hotline.factories import photo


def test_the_board_shows_public_requests_without_names(client, hotline):
    shown = hotline.submit(place="公开的路灯", photos=[photo()], photos_public=False)
    hotline.submit(place="不公开的路灯", is_public=False)
    response = client.get(reverse("hotline:board"))
    assert response.status_code == 200
    assert shown.reference in response.text and "公开的路灯" in response.text
    assert "不公开的路灯" not in response.text
    assert "张三" not in response.text  # the resident's display name
    assert "/media/hotline/" not in response.text  # photos not agreed


def test_the_board_shows_photos_and_the_answer_when_agreed(client, hotline):
    request = hotline.replied(photos=[photo()], photos_public=True)
    response = client.get(reverse("hotline:board"))
    assert "已更换灯泡，恢复照明。" in response.text
    photo_id = request.photos.get().pk
    assert f"/requests/photos/request/{photo_id}/" in response.text


def test_the_board_filters_by_category(client, hotline):
    hotline.submit(place="路灯问题")
    response = client.get(reverse("hotline:board"), {"category": "water"})
    assert "路灯问题" not in response.text


def test_the_yearly_table_lists_units_with_their_rates(client, hotline):
    with at(shanghai(2026, 3, 2, 10)):
        request = hotline.replied()
        services.request_rate(request=request, user=hotline.resident, grade="fairly")
    with at(shanghai(2026, 6, 1)):
        response = client.get(reverse("hotline:annual"), {"year": "2026"})
    assert response.status_code == 200
    row = next(row for row in response.context["rows"] if row["unit"] == hotline.bureau)
    assert row["satisfaction_rate"] == 100.0
    assert "南明区城市管理局" in response.text and "100.0%" in response.text


def test_a_bad_year_falls_back_to_this_year(client, hotline):
    with at(shanghai(2026, 6, 1)):
        response = client.get(reverse("hotline:annual"), {"year": "abc"})
    assert response.context["year"] == 2026


def test_the_unit_profile_and_scorecard_show_the_units_figures(client, hotline):
    request = hotline.replied()
    services.request_rate(request=request, user=hotline.resident, grade="satisfied")
    profile = client.get(hotline.bureau.get_absolute_url())
    assert profile.status_code == 200
    assert 'id="hotline-figures-heading"' in profile.text
    period = EvaluationPeriod.objects.create(
        title="2026年度评价",
        starts_at=request.created_at,
        ends_at=request.created_at + timedelta(days=30),
        scorecards_published=True,
    )
    period.units = [hotline.bureau]
    period.save()
    scorecard = client.get(
        reverse(
            "consultations:evaluation_scorecard",
            kwargs={"period_id": period.pk, "unit_slug": hotline.bureau.slug},
        )
    )
    assert scorecard.status_code == 200
    assert 'id="hotline-figures-heading"' in scorecard.text
    # A unit that never handled a request shows no hotline section.
    assert (
        'id="hotline-figures-heading"'
        not in client.get(hotline.water.get_absolute_url()).text
    )
