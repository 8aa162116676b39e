"""factory_boy factories shared by the test suite: users, units, memberships,
two-factor set-up, and the base of every app's page factories. The pages of each
app are built by the factories in ``tests/<app>/factories.py``."""

from django.contrib.auth import get_user_model

import factory
import wagtail_factories
from allauth.account.models import EmailAddress

from home.models import District, Unit, UnitMembership
from home.validators import CREDIT_CODE_ALPHABET, credit_code_check_character

DEFAULT_PASSWORD = "correct-horse-battery-staple"


def valid_credit_code(sequence: int, district_code: str = "520102") -> str:
    """A unified social credit code with a correct check character."""
    body = f"91{district_code}"
    number = sequence
    organisation = ""
    for _position in range(9):
        organisation = CREDIT_CODE_ALPHABET[number % 31] + organisation
        number //= 31
    first_17 = body + organisation
    return first_17 + credit_code_check_character(first_17)


class UserFactory(factory.django.DjangoModelFactory):
    """A resident; ``is_staff=True`` / ``is_superuser=True`` make platform staff,
    who get a TOTP authenticator (``TEST_TOTP_SECRET``) unless ``two_factor=False``
    (``two_factor=True`` gives one to anybody)."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.cn")
    display_name = factory.Sequence(lambda n: f"居民{n}")
    # Real name behind the scenes: residents have a verified mobile number, so
    # they may comment, rate and report (phone=""/phone_verified=False to test
    # an account without one).
    phone = factory.Sequence(lambda n: f"+86139{n:08d}")
    phone_verified = True
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """Give the user a verified primary email unless verified=False, which
        also leaves the account without a mobile number: no confirmed contact."""
        if not create:
            return
        if extracted is False:
            user.phone, user.phone_verified = "", False
        user.save()
        EmailAddress.objects.update_or_create(
            user=user,
            email=user.email,
            defaults={"verified": extracted is not False, "primary": True},
        )

    @factory.post_generation
    def two_factor(user, create, extracted, **kwargs):
        """Staff hold privileged powers, which work only with two-factor."""
        if not create or extracted is False:
            return
        if extracted or user.is_staff or user.is_superuser:
            ensure_totp(user)


def district(code: str = "520102") -> District:
    return District.objects.get(code=code)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"贵阳市测试单位{n}")
    slug = factory.Sequence(lambda n: f"unit-{n}")
    kind = Unit.Kind.GOVERNMENT
    district = factory.LazyFunction(district)
    credit_code = factory.Sequence(lambda n: valid_credit_code(n + 1000))
    is_verified = True


class UnitMembershipFactory(factory.django.DjangoModelFactory):
    """A role in a unit. A role is a privileged power: the member gets a TOTP
    authenticator (``TEST_TOTP_SECRET``) unless they have one or
    ``two_factor=False``."""

    class Meta:
        model = UnitMembership
        skip_postgeneration_save = True

    unit = factory.SubFactory(UnitFactory)
    user = factory.SubFactory(UserFactory)
    role = UnitMembership.Role.ADMIN

    @factory.post_generation
    def two_factor(membership, create, extracted, **kwargs):
        if create and extracted is not False:
            ensure_totp(membership.user)


def make_unit_editor(unit, *, two_factor=True, **fields):
    """A user with the editor role in the unit: the unit's workspace group
    (home/workspaces.py) gives them add and change on the unit's folders."""
    user = UserFactory(**fields)
    UnitMembershipFactory(
        unit=unit, user=user, role=UnitMembership.Role.EDITOR, two_factor=two_factor
    )
    return user


def site_home():
    """The site's home page: the one in the default (Chinese) locale — an
    English translation of it may exist too."""
    from wagtail.models import Locale

    from home.models import HomePage

    return HomePage.objects.get(locale=Locale.get_default())


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page added under ``parent`` (``parent=...``, as in wagtail_factories) and
    published through a revision, as an editor publishes it; ``publish=False``
    leaves the revision a draft."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if not create:
            return
        revision = page.save_revision()
        if extracted is not False:
            revision.publish()


TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def give_totp(user, secret: str = TEST_TOTP_SECRET):
    """Activate TOTP two-factor authentication for ``user`` with a known secret
    (replacing the one the factories gave them)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from home.twofactor import forget_two_factor

    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    totp = TOTP.activate(user, secret)
    forget_two_factor(user)
    return totp


def ensure_totp(user, secret: str = TEST_TOTP_SECRET):
    """``give_totp`` unless the user already has a TOTP authenticator."""
    from allauth.mfa.models import Authenticator

    if not Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists():
        give_totp(user, secret)


def make_privileged_group_member(group_name: str, *, two_factor=True, **fields):
    """A user in one of the admin's groups (Moderators, Pledge reviewers …), with
    a TOTP authenticator unless ``two_factor=False``."""
    from django.contrib.auth.models import Group

    user = UserFactory(two_factor=two_factor, **fields)
    user.groups.add(Group.objects.get(name=group_name))
    return user
