"""The pledge directory and pledge pages as residents see them: filters, search,
pagination, status, reports timeline, the PDF, and constant query counts."""

import datetime
import shutil
import subprocess
from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from pypdf import PdfReader

from home.models import Unit
from home.pledges.services import pledge_index_ensure
from tests.factories import UnitFactory, district
from tests.home.factories import make_pledge, make_report

pytestmark = pytest.mark.django_db


def test_pledge_page_shows_items_status_and_timeline(client, unit):
    pledge = make_pledge(unit, year=2025)
    make_report(pledge, annual=False, percent=50)
    make_report(pledge, annual=True, published=False)  # a draft: not shown
    response = client.get(pledge.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "保障职工合法权益" in html and "人均志愿服务不少于20小时" in html
    assert html.count('class="timeline__entry"') == 1
    assert "半年进展" in html and "年度履诺报告" not in html
    assert 'value="50"' in html


def test_directory_lists_live_pledges_with_filters(client, unit):
    pledge_index_ensure()
    make_pledge(unit, year=2025)
    other = UnitFactory(
        name="贵阳市第一中学",
        kind=Unit.Kind.INSTITUTION,
        district=district("520103"),
    )
    fulfilled = make_pledge(
        other, year=2025, items=[("environment", "节能减排", "用电量下降5%")]
    )
    make_report(fulfilled)
    draft_unit = UnitFactory(name="草稿单位")
    make_pledge(draft_unit, year=2025, publish=False)

    index_url = "/pledges/"
    html = client.get(index_url).content.decode()
    assert unit.name in html and other.name in html and "草稿单位" not in html

    def names(**params):
        html = client.get(index_url, params).content.decode()
        return [name for name in (unit.name, other.name) if name in html]

    assert names(kind="institution") == [other.name]
    assert names(district="520103") == [other.name]
    assert names(category="employees") == [unit.name]
    assert names(status="fulfilled") == [other.name]
    assert names(q="节能") == [other.name]
    assert names(q=unit.name) == [unit.name]
    make_pledge(UnitFactory(name="往年单位"), year=2024)
    assert names(year="2024") == []  # neither unit pledged that year
    assert "往年单位" in client.get(index_url, {"year": "2024"}).content.decode()
    assert names(year="nonsense") == [unit.name, other.name]  # ignored


def _many_pledges(count, *, items=3, reports=1):
    for _number in range(count):
        unit = UnitFactory()
        pledge = make_pledge(
            unit,
            year=2025,
            items=[("community", f"承诺{n}", "目标") for n in range(items)],
        )
        for _ in range(reports):
            make_report(pledge, annual=False)


def _queries(client, url):
    client.get(url)  # warm the per-process caches (site root, content types)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_directory_query_count_does_not_grow(client):
    pledge_index_ensure()
    _many_pledges(2)
    few = _queries(client, "/pledges/")
    _many_pledges(10, items=6, reports=2)
    many = _queries(client, "/pledges/")
    assert many == few
    html = client.get("/pledges/?page=2").content.decode()
    assert "Page 2" in html or "2" in html


def test_pledge_page_query_count_does_not_grow(client, resident):
    from consultations.models import Comment, OfficialReply

    small = make_pledge(UnitFactory(), year=2025, items=ITEMS_SMALL)
    make_report(small)
    big = make_pledge(
        UnitFactory(),
        year=2025,
        items=[("other", f"承诺{n}", "目标") for n in range(12)],
    )
    for _ in range(5):
        make_report(big, annual=False)
    for item in big.items.all():
        for _ in range(3):
            comment = Comment.objects.create(
                pledge=big,
                clause_id=str(item.pk),
                author=resident,
                body="这项承诺执行得很好。",
                due_at=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC),
            )
            OfficialReply.objects.create(
                comment=comment, outcome="explained", body="感谢监督。"
            )
    client.force_login(resident)
    assert _queries(client, big.url) == _queries(client, small.url)


ITEMS_SMALL = [("employees", "保障职工合法权益", "劳动合同签订率100%")]


def test_pdf_has_the_chinese_title_and_items(client, unit, tmp_path):
    pledge = make_pledge(unit, year=2025)
    response = client.get(pledge.url + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(
        page.extract_text() for page in PdfReader(BytesIO(response.content)).pages
    )
    compact = "".join(text.split())
    assert "社会责任承诺书" in compact
    assert "保障职工合法权益" in compact and "向社区开放职工活动中心" in compact
    assert "王主任" in compact
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm is not installed")
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(  # noqa: S603 (a fixed command on a file the test wrote)
        [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", pdf, tmp_path / "page"],
        check=True,
    )
    from PIL import Image

    with Image.open(next(tmp_path.glob("page*.png"))) as image:
        grey = image.convert("L")
        width, height = grey.size
        # The title band (top fifth of the page) has ink: the Chinese title drawn.
        band = grey.crop((0, 0, width, height // 5))
        dark = sum(1 for value in band.getdata() if value < 128)
    assert dark > 200


def test_unit_folder_lists_its_pledges(client, unit):
    make_pledge(unit, year=2024)
    make_pledge(unit, year=2025)
    html = client.get(unit.pledge_folder.url).content.decode()
    assert "2024" in html and "2025" in html


def test_site_search_finds_a_pledge_by_a_word_in_a_commitment(client, unit):
    pledge = make_pledge(unit, year=2025)
    html = client.get("/search/", {"q": "活动中心"}).content.decode()
    assert pledge.title in html
