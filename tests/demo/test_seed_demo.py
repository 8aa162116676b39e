"""`manage.py seed_demo` builds the demo site, and running it again changes nothing."""

from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import Locale, Page, Revision, Site

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal import auth as totp_auth

from home.consent.selectors import consent_pending, policy_current_versions
from home.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from home.models import (
    ConsentRecord,
    District,
    HomePage,
    PolicyVersion,
    SiteSettings,
    StandardPage,
    Unit,
    UnitMembership,
    User,
)
from home.validators import validate_credit_code
from volunteers.models import Volunteer

ADMIN = "admin@demo.canyu.cn"


def seed_demo() -> str:
    out = StringIO()
    # Test settings run with DEBUG off, where the command insists on --force.
    call_command("seed_demo", force=True, stdout=out)
    return out.getvalue()


@pytest.fixture
def output(demo):
    return demo


def row_counts() -> dict[str, int]:
    models = [
        Unit,
        User,
        UnitMembership,
        EmailAddress,
        Authenticator,
        Page,
        Revision,
        Site,
        SiteSettings,
        District,
        PolicyVersion,
        ConsentRecord,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_seed_demo_refuses_to_run_with_debug_off_unless_forced(db):
    users = User.objects.count()
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=StringIO())
    assert User.objects.count() == users


def test_seed_demo_creates_twelve_units_of_each_kind_with_valid_credit_codes(output):
    for kind in Unit.Kind.values:
        assert Unit.objects.filter(kind=kind).count() == 12, kind
    units = list(Unit.objects.select_related("district"))
    for unit in units:
        validate_credit_code(unit.credit_code)
        assert unit.contact_phone.startswith("+86")
        assert unit.contact_name
        assert unit.description
        assert unit.slug.isascii()
    assert len({unit.district.code for unit in units}) == District.objects.count() == 10
    assert Unit.objects.filter(is_verified=True).count() >= 0.75 * len(units)
    minzheng = Unit.objects.get(name="贵阳市民政局")
    assert minzheng.kind == Unit.Kind.GOVERNMENT
    assert minzheng.credit_code.startswith("11520100")  # 机关, registered by the city


def test_seed_demo_logins_work_with_the_shared_password(client, output):
    for email in [
        ADMIN,
        "moderator@demo.canyu.cn",
        "minzheng.admin@demo.canyu.cn",
        "huaguoyuan.organiser@demo.canyu.cn",
        "resident01@demo.canyu.cn",
        "resident30@demo.canyu.cn",
    ]:
        assert client.login(email=email, password=DEMO_PASSWORD), email
        client.logout()
    for user in User.objects.all():
        assert user.email.endswith("@demo.canyu.cn")
        assert user.display_name
        assert EmailAddress.objects.filter(
            user=user, email=user.email, verified=True, primary=True
        ).exists(), user.email


def test_seed_demo_gives_units_members_in_every_role(output):
    roles = set(UnitMembership.Role.values)
    fully_staffed = [
        unit
        for unit in Unit.objects.filter(memberships__isnull=False).distinct()
        if set(unit.memberships.values_list("role", flat=True)) == roles
    ]
    assert len(fully_staffed) >= 3
    assert UnitMembership.objects.filter(
        unit__name="贵阳市民政局",
        user__email="minzheng.admin@demo.canyu.cn",
        role=UnitMembership.Role.ADMIN,
    ).exists()
    residents = User.objects.filter(email__startswith="resident")
    assert residents.count() == 30
    assert residents.exclude(phone="").exists()
    assert all(
        phone.startswith("+861")
        for phone in residents.values_list("phone", flat=True)
        if phone
    )
    moderator = User.objects.get(email="moderator@demo.canyu.cn")
    assert not moderator.is_staff


def test_seed_demo_admin_is_a_superuser_with_the_demo_authenticator(
    client, output, monkeypatch
):
    admin = User.objects.get(email=ADMIN)
    assert admin.is_staff and admin.is_superuser
    assert admin.display_name == "平台管理员"
    authenticator = Authenticator.objects.get(user=admin, type=Authenticator.Type.TOTP)
    assert get_mfa_adapter().decrypt(authenticator.data["secret"]) == DEMO_TOTP_SECRET
    # An authenticator app holding the printed secret produces accepted codes.
    counter = 58_000_000
    monkeypatch.setattr(totp_auth, "yield_hotp_counters_from_time", lambda: [counter])
    code = totp_auth.format_hotp_value(totp_auth.hotp_value(DEMO_TOTP_SECRET, counter))
    assert totp_auth.TOTP(authenticator).validate_code(code)
    # With two-factor set up, staff are not sent away from the admin to set it up.
    client.force_login(admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert DEMO_TOTP_SECRET in output
    assert "current code:" in output


def test_seed_demo_gives_every_privileged_login_the_demo_two_factor(client, output):
    """Staff, the moderator and every unit role hold privileged powers, which work
    only with two-factor: the demo gives them its authenticator (residents none),
    and the printed logins say which ones ask for the code."""
    privileged = User.objects.filter(
        email="moderator@demo.canyu.cn"
    ) | User.objects.filter(unit_memberships__isnull=False)
    for user in privileged.distinct():
        authenticator = Authenticator.objects.get(
            user=user, type=Authenticator.Type.TOTP
        )
        secret = get_mfa_adapter().decrypt(authenticator.data["secret"])
        assert secret == DEMO_TOTP_SECRET, user.email
        assert f"{user.email} " in output
    line = next(row for row in output.splitlines() if "minzheng.organiser@" in row)
    assert "[2FA]" in line
    assert not Authenticator.objects.filter(user__email__startswith="resident").exists()
    organiser = User.objects.get(email="minzheng.organiser@demo.canyu.cn")
    client.force_login(organiser)
    assert client.get("/volunteers/review/").status_code == 200


def test_seed_demo_has_a_pledge_reviewer_with_two_factor_and_only_our_workflow(
    client, output
):
    """Without a member of "Pledge reviewers" only a superuser could approve a
    pledge; the reviewer is privileged, so they get the demo two-factor and are
    printed with the logins. No workflow but the project's own."""
    from wagtail.models import Task, Workflow

    from home.pledges.services import (
        PLEDGE_REVIEWERS_GROUP,
        PLEDGE_TASK_NAME,
        PLEDGE_WORKFLOW_NAME,
    )

    reviewers = User.objects.filter(groups__name=PLEDGE_REVIEWERS_GROUP)
    assert reviewers.count() >= 1
    for reviewer in reviewers:
        assert not reviewer.is_superuser
        authenticator = Authenticator.objects.get(
            user=reviewer, type=Authenticator.Type.TOTP
        )
        secret = get_mfa_adapter().decrypt(authenticator.data["secret"])
        assert secret == DEMO_TOTP_SECRET
        line = next(row for row in output.splitlines() if f"{reviewer.email} " in row)
        assert "pledge reviewer" in line and "[2FA]" in line
        assert client.login(email=reviewer.email, password=DEMO_PASSWORD)
        client.logout()
    assert list(Workflow.objects.values_list("name", flat=True)) == [
        PLEDGE_WORKFLOW_NAME
    ]
    assert list(Task.objects.values_list("name", flat=True)) == [PLEDGE_TASK_NAME]


def test_seed_demo_publishes_the_home_page_and_menu_pages(output):
    home = HomePage.objects.get(locale=Locale.get_default())
    assert home.live and home.title == "参与"
    blocks = {block.block_type: block.value for block in home.body}
    assert blocks["hero"]["heading"] == "民有所呼、我有所应"
    assert "绿丝带志愿服务" in blocks["text"].source
    assert blocks["call_to_action"]["link_page"].slug == "guide"
    pages = StandardPage.objects.child_of(home)
    assert set(pages.values_list("title", flat=True)) == {
        "关于参与",
        "参与指南",
        "隐私政策",
        "用户协议",
        "联系我们",
    }
    assert all(page.live for page in pages)
    assert all(page.show_in_menus for page in pages.exclude(slug="terms"))
    assert not any(page.has_unpublished_changes for page in pages)
    privacy = pages.get(slug="privacy")
    text = " ".join(str(block.value) for block in privacy.body)
    assert "138****5678" in text and "下载" in text and "注销" in text
    # The personal data inventory, as in the README.
    assert "个人信息清单" in text and "30天后删除" in text and "7天后删除" in text


def test_seed_demo_records_every_person_accepting_the_current_policies(client, output):
    current = policy_current_versions()
    assert set(current) == set(PolicyVersion.Kind.values)
    assert current[PolicyVersion.Kind.PRIVACY].link == "/privacy/"
    assert all(not consent_pending(user=user) for user in User.objects.all())
    volunteer = Volunteer.objects.select_related("user").first()
    assert volunteer.user.consent_records.filter(
        policy_version=current[PolicyVersion.Kind.VOLUNTEER_SENSITIVE]
    ).exists()
    client.force_login(volunteer.user)
    assert client.get("/me/").status_code == 200


def test_seed_demo_configures_the_default_site(output):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    assert site.root_page.specific_class is HomePage
    site_settings = SiteSettings.for_site(site)
    assert site_settings.hotline == "12319"
    assert site_settings.footer_text == "民有所呼、我有所应 —— 件件有着落、事事有回音。"
    assert site_settings.contact_address.startswith("贵阳市观山湖区")
    assert "http://127.0.0.1:8000/" in output
    assert "/admin/" in output
    assert "canyu-demo-2026" in output


def test_seed_demo_run_twice_changes_nothing(output):
    before = row_counts()
    unit_stamps = dict(Unit.objects.values_list("pk", "updated_at"))
    passwords = dict(User.objects.values_list("pk", "password"))

    second = seed_demo()

    assert row_counts() == before
    assert dict(Unit.objects.values_list("pk", "updated_at")) == unit_stamps
    assert dict(User.objects.values_list("pk", "password")) == passwords
    stats = [line for line in second.splitlines() if line.endswith(" unchanged")]
    assert stats and all("0 created, 0 updated" in line for line in stats)


def test_seed_demo_run_again_restores_edited_content_without_duplicates(output):
    chinese = Locale.get_default()
    about = StandardPage.objects.get(slug="about", locale=chinese)
    about.title = "改过的标题"
    about.save_revision().publish()
    Unit.objects.filter(name="贵阳市民政局").update(description="改过")
    before = row_counts()

    seed_demo()

    assert StandardPage.objects.filter(slug="about", locale=chinese).count() == 1
    assert StandardPage.objects.get(slug="about", locale=chinese).title == "关于参与"
    assert Unit.objects.get(name="贵阳市民政局").description.startswith("负责全市")
    after = row_counts()
    assert after.pop("Revision") == before.pop("Revision") + 1
    assert after == before


def test_the_demo_lists_its_open_data_files(output, client):
    """make run shows /open-data/ with files at once, not after the first night."""
    from home.models import OpenDataFile

    files = OpenDataFile.objects.all()
    assert files.filter(format="csv").exists()
    assert files.filter(format="json").exists()
    page = client.get("/open-data/").content.decode()
    assert "尚未发布任何文件" not in page
    units = files.get(dataset="units", format="csv")
    assert units.rows > 0
    assert f">{units.rows}<" in page
