"""People for the "download my data" tests: a volunteer with a year of history
on the platform, and a neighbour whose data must never leak into their zip."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from consultations.models import CommentSupport, ConsultationFollow, OfficialReply
from home.models import OutboundEmail
from tests.consultations.factories import (
    ConsultationIndexPageFactory,
    make_comment,
    make_consultation,
)
from tests.factories import UnitFactory
from tests.volunteers.factories import (
    ActivityIndexPageFactory,
    VolunteerFactory,
    add_shifts,
    make_activity,
    service_record,
)
from volunteers.models import Certificate
from volunteers.services.certificates import certificate_lines
from volunteers.services.points import points_sync_for_record

ID_HASH = "hash-of-the-id-number-never-exported"
CERTIFICATE_PDF = b"%PDF-1.4 certificate of volunteer service"
NEIGHBOUR_NAME = "王邻居"
NEIGHBOUR_EMAIL = "wang.neighbour@example.cn"
NEIGHBOUR_REAL_NAME = "王秀英"
NEIGHBOUR_COMMENT = "邻居自己的意见：楼下停车位太少了。"
NEIGHBOUR_PHONE = "+8613900001111"


@dataclass
class History:
    volunteer: object
    user: object
    comment: object
    certificate: object
    neighbour: object


def volunteer_with_a_year(
    *, email="chen.volunteer@example.cn", with_certificate_file=True
) -> History:
    """A volunteer who served four shifts over the past year (2.5 h each, 25
    points each), commented on a consultation and got an answer, supported and
    followed, and holds a certificate; and a neighbour (a resident and a
    volunteer too) on the same consultation and the same shifts."""
    now = timezone.now()
    unit = UnitFactory(name="贵阳市志愿者协会", kind="social_organisation")
    activity = make_activity(
        ActivityIndexPageFactory(), unit=unit, title="黔灵山公园环保行动"
    )
    volunteer = VolunteerFactory(
        real_name="陈志愿",
        user__email=email,
        user__display_name="小陈",
        id_number_masked="5201**********123X",
        id_number_tag=ID_HASH,
    )
    neighbour = VolunteerFactory(
        real_name=NEIGHBOUR_REAL_NAME,
        phone=NEIGHBOUR_PHONE,
        user__email=NEIGHBOUR_EMAIL,
        user__display_name=NEIGHBOUR_NAME,
    )
    shifts = add_shifts(
        activity, 4, start=now - timedelta(days=360), every=timedelta(days=90)
    )
    for shift in shifts:
        points_sync_for_record(record=service_record(volunteer, shift, minutes=150))
        points_sync_for_record(record=service_record(neighbour, shift, minutes=60))

    consultation = make_consultation(
        ConsultationIndexPageFactory(), unit=UnitFactory(name="贵阳市生态环境局")
    )
    comment = make_comment(
        consultation, volunteer.user, body="建议在黔灵山公园增设分类垃圾桶。"
    )
    OfficialReply.objects.create(
        comment=comment, outcome="adopted", body="感谢您的建议，我们将增设垃圾桶。"
    )
    neighbour_comment = make_comment(
        consultation, neighbour.user, body=NEIGHBOUR_COMMENT
    )
    CommentSupport.objects.create(comment=neighbour_comment, user=volunteer.user)
    CommentSupport.objects.create(comment=comment, user=neighbour.user)
    ConsultationFollow.objects.create(consultation=consultation, user=volunteer.user)
    OutboundEmail.objects.create(
        subject="给邻居的邮件",
        to=[NEIGHBOUR_EMAIL],
        payload={"body": "邻居的邮件正文"},
    )

    date_from = (now - timedelta(days=365)).date()
    lines = certificate_lines(
        volunteer=volunteer, date_from=date_from, date_to=now.date()
    )
    certificate = Certificate.objects.create(
        volunteer=volunteer,
        number="ZYZM20260001",
        issuer_name=unit.name,
        date_from=date_from,
        date_to=now.date(),
        holder_name=volunteer.real_name,
        holder_id_masked=volunteer.id_number_masked,
        holder_number=volunteer.green_ribbon_number,
        lines=lines,
        total_minutes=sum(line["minutes"] for line in lines),
        issued_on=now.date(),
        status=Certificate.Status.READY,
    )
    if with_certificate_file:
        certificate.file.save("certificate.pdf", ContentFile(CERTIFICATE_PDF))
    return History(
        volunteer=volunteer,
        user=volunteer.user,
        comment=comment,
        certificate=certificate,
        neighbour=neighbour.user,
    )
