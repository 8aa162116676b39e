"""History notes are stored as words to translate (``params``), not as a
sentence in the language active when the step happened: a page in Chinese
shows no English note, the same page under /en/ shows English."""

from django.urls import reverse
from django.utils import translation

from consultations.hotline import services
from consultations.hotline.models import RequestEvent


def _reopened_in_english(hotline):
    with translation.override("en"):
        request = hotline.replied()
        services.request_rate(
            request=request,
            user=hotline.resident,
            grade="dissatisfied",
            comment="还是不亮",
        )
    return request


def test_the_steps_store_no_sentence(hotline):
    request = _reopened_in_english(hotline)
    routed = request.events.get(kind=RequestEvent.Kind.ROUTED)
    assert routed.text == "" and routed.params["note"].startswith("Routed")
    rated = request.events.get(kind=RequestEvent.Kind.RATED)
    assert rated.text == "还是不亮" and rated.params == {"grade": "dissatisfied"}


def test_a_chinese_page_shows_no_english_note_and_english_shows_english(
    client, hotline
):
    request = _reopened_in_english(hotline)
    client.force_login(hotline.resident)
    chinese = client.get(
        reverse("hotline:request_detail", args=[request.reference])
    ).text
    assert "按分派规则转 南明区城市管理局 办理。" in chinese
    assert "不满意 还是不亮" in chinese
    assert "转督办单位 南明区12345平台" in chinese
    for english in ("Routed by", "Reopened after", "Dissatisfied"):
        assert english not in chinese
    with translation.override("en"):
        url = reverse("hotline:request_detail", args=[request.reference])
    assert url.startswith("/en/")
    page = client.get(url).text
    assert "Routed by the rules to 南明区城市管理局." in page
    assert "Dissatisfied 还是不亮" in page
    assert "按分派规则" not in page


def test_the_demo_stores_no_english_sentence():
    from consultations.hotline.demo import timeline

    case = timeline.Case(request=None)
    case.step(RequestEvent.Kind.ESCALATED, None, level="district")
    with translation.override("en"):
        assert case.events[0].note == "District platform"
    with translation.override("zh-hans"):
        assert case.events[0].note == "区级平台"
