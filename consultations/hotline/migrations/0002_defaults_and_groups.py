"""The standard categories (from the 12319 line's scope), the default time
limits by tier and the two staff groups: operators (enter calls, reassign,
follow up) and dispatchers (also decide sent-back requests and extensions,
edit the catalogue, see the city dashboard)."""

from django.db import migrations

# (name, slug, default tier, description)
CATEGORIES = [
    ("供水", "water", "normal", "停水、水压低、水质异常、管道漏水"),
    ("供电", "power", "normal", "停电、电压不稳、线路隐患"),
    ("燃气", "gas", "urgent", "燃气泄漏、停气、燃气表故障"),
    ("应急/突发", "emergency", "urgent", "井盖缺失、道路塌陷、险情"),
    ("民政", "civil-affairs", "normal", "低保、养老服务、救助"),
    ("交通出行", "transport", "normal", "公交线路、信号灯、道路破损"),
    ("城市管理", "city-management", "normal", "路灯、占道经营、垃圾清运、噪音"),
    ("政策咨询", "policy", "normal", "政策法规、办事指南咨询"),
    ("住房物业", "housing", "complex", "物业服务、老旧小区改造、房屋安全"),
    ("生态环境", "environment", "normal", "油烟、污水、扬尘"),
]

# tier: accept, accept measure, resolve, resolve measure, extension
TIME_LIMITS = [
    ("urgent", 1, "hours", 24, "hours", 0),
    ("normal", 1, "working_days", 5, "working_days", 0),
    ("complex", 1, "working_days", 15, "working_days", 15),
]

OPERATORS = "Hotline operators"
DISPATCHERS = "Hotline dispatchers"
CATALOGUE = ["category", "routingrule", "timelimit", "holiday", "districtplatform"]


def create_defaults(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Category = apps.get_model("hotline", "Category")
    TimeLimit = apps.get_model("hotline", "TimeLimit")

    for order, (name, slug, tier, description) in enumerate(CATEGORIES):
        Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "default_tier": tier,
                "description": description,
                "sort_order": order,
            },
        )
    for tier, accept, accept_m, resolve, resolve_m, extension in TIME_LIMITS:
        TimeLimit.objects.get_or_create(
            tier=tier,
            defaults={
                "accept_amount": accept,
                "accept_measure": accept_m,
                "resolve_amount": resolve,
                "resolve_measure": resolve_m,
                "extension_amount": extension,
            },
        )

    def permission(app_label, model, codename, name):
        content_type, _created = ContentType.objects.get_or_create(
            app_label=app_label, model=model
        )
        found, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        return found

    access_admin = permission(
        "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
    )
    operate = permission(
        "hotline", "request", "operate_hotline", "Can enter, reassign and follow up"
    )
    dispatch = permission(
        "hotline", "request", "dispatch_hotline", "Can decide sent-back requests"
    )
    oversee = permission(
        "hotline", "request", "oversee_hotline", "Can see the city's dashboard"
    )
    view_request = permission("hotline", "request", "view_request", "Can view")

    operators, _created = Group.objects.get_or_create(name=OPERATORS)
    operators.permissions.add(access_admin, operate, view_request)
    dispatchers, _created = Group.objects.get_or_create(name=DISPATCHERS)
    dispatchers.permissions.add(access_admin, operate, dispatch, oversee, view_request)
    for model in CATALOGUE:
        for action in ("add", "change", "delete", "view"):
            dispatchers.permissions.add(
                permission("hotline", model, f"{action}_{model}", f"Can {action}")
            )


class Migration(migrations.Migration):
    dependencies = [
        ("hotline", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [
        migrations.RunPython(create_defaults, migrations.RunPython.noop),
    ]
