"""The outbound email queue: every message sent through Django is stored here and
delivered by a Celery task, so nothing is lost if the mail server is down."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboundEmail(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败")

    subject = models.CharField(_("主题"), max_length=300)
    to = models.JSONField(_("收件人"), default=list)
    payload = models.JSONField(_("邮件内容"))
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.TextField(_("最近错误"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("待发邮件")
        verbose_name_plural = _("待发邮件")
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="home_outboundemail_sent_has_time",
            ),
        ]

    def __str__(self):
        return self.subject
