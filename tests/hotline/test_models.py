"""The hotline's defaults are in place after migrating."""

from django.contrib.auth.models import Group

from consultations.hotline.models import Category, TimeLimit


def test_migrations_give_categories_time_limits_and_groups(db):
    assert Category.objects.filter(name__in=["供水", "供电", "燃气"]).count() == 3
    limits = {limit.tier: limit for limit in TimeLimit.objects.all()}
    assert limits["urgent"].accept_amount == 1
    assert limits["urgent"].accept_measure == "hours"
    assert limits["normal"].resolve_amount == 5
    assert limits["complex"].resolve_amount == 15
    assert limits["complex"].extension_amount == 15
    dispatchers = Group.objects.get(name="Hotline dispatchers")
    codenames = set(dispatchers.permissions.values_list("codename", flat=True))
    assert {"dispatch_hotline", "operate_hotline", "change_routingrule"} <= codenames
