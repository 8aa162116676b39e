"""The hotline's test set-up: units with handlers, a district platform,
routing rules, operators, dispatchers, and requests at any stage."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from PIL import Image

from consultations.hotline import services
from consultations.hotline.models import Category, DistrictPlatform, RoutingRule
from home.models import UnitMembership
from tests.factories import (
    UnitFactory,
    UnitMembershipFactory,
    UserFactory,
    district,
    make_privileged_group_member,
)

NANMING = "520102"
YUNYAN = "520103"


def photo(name="light.jpg", colour="orange"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def handler(unit, **fields):
    user = UserFactory(**fields)
    UnitMembershipFactory(unit=unit, user=user, role=UnitMembership.Role.RESPONDER)
    return user


def operator(**fields):
    return make_privileged_group_member("Hotline operators", **fields)


def dispatcher(**fields):
    return make_privileged_group_member("Hotline dispatchers", **fields)


def category(slug="city-management"):
    return Category.objects.get(slug=slug)


class Setup:
    """Nanming district: a platform unit (the supervisor), the city
    management bureau that the rules pick for street lights, and handlers."""

    def __init__(self):
        self.district = district(NANMING)
        self.platform = UnitFactory(name="南明区12345平台")
        self.bureau = UnitFactory(name="南明区城市管理局")
        self.water = UnitFactory(name="贵阳市供水总公司")
        DistrictPlatform.objects.create(district=self.district, unit=self.platform)
        RoutingRule.objects.create(
            category=category(), district=self.district, unit=self.bureau, priority=5
        )
        RoutingRule.objects.create(category=category("water"), unit=self.water)
        self.bureau_handler = handler(self.bureau, display_name="王科员")
        self.platform_handler = handler(self.platform, display_name="赵主任")
        self.water_handler = handler(self.water, display_name="钱师傅")
        self.resident = UserFactory(display_name="张三", email="zhang@example.com")

    def submit(self, **fields):
        values = {
            "resident": self.resident,
            "category": category(),
            "district": self.district,
            "community": "花果园社区",
            "place": "花果园大街12号路灯",
            "description": "路灯不亮已经三天，晚上很黑。",
            "is_public": True,
        }
        values.update(fields)
        return services.request_submit(**values)

    def replied(self, reply_photos=(), **fields):
        request = self.submit(**fields)
        services.request_accept(request=request, user=self.bureau_handler)
        services.request_start(request=request, user=self.bureau_handler)
        services.request_reply(
            request=request,
            user=self.bureau_handler,
            body="已更换灯泡，恢复照明。",
            photos=reply_photos,
        )
        return request
