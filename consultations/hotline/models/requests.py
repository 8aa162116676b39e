"""A resident's request (诉求), its photos, its history and its followers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .catalogue import Tier


def private_storage():
    """Photos of requests may show people and homes: kept in the "private"
    storage (outside MEDIA_ROOT, no URL), handed out only by the photo view
    after its access check. The default storage where none is configured."""
    from django.core.files.storage import default_storage, storages

    if "private" in settings.STORAGES:
        return storages["private"]
    return default_storage


def request_photo_path(instance, filename):
    # A fresh name per upload: renditions collide on shared prefixes (wagtail#13834).
    import uuid

    return f"hotline/requests/{uuid.uuid4().hex}.jpg"


class Request(models.Model):
    """One request from a resident, made on the site or entered by an operator.
    Exactly one unit handles it at a time (``handling_unit``, a foreign key)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting acceptance")
        SENT_BACK = "sent_back", _("Sent back, awaiting the dispatcher")
        ACCEPTED = "accepted", pgettext_lazy("hotline status", "Accepted")
        IN_PROGRESS = "in_progress", pgettext_lazy("hotline status", "In progress")
        WAITING = "waiting", _("Waiting for the resident")
        REPLIED = "replied", _("Replied, awaiting the resident's rating")
        CLOSED = "closed", pgettext_lazy("hotline status", "Closed")
        MERGED = "merged", _("Merged into another request")

    # Status → badge tone (site/templates/includes/badge.html).
    STATUS_TONES = {
        "submitted": "info",
        "sent_back": "warning",
        "accepted": "info",
        "in_progress": "info",
        "waiting": "warning",
        "replied": "success",
        "closed": "muted",
        "merged": "muted",
    }
    OPEN_STATUSES = ("submitted", "sent_back", "accepted", "in_progress", "waiting")

    class Contact(models.TextChoices):
        SITE = "site", _("Site inbox")
        PHONE = "phone", _("Phone call")
        EMAIL = "email", _("Email")
        SMS = "sms", _("Text message")

    class Channel(models.TextChoices):
        SITE = "site", _("On the site")
        PHONE = "phone", _("By phone (12319)")

    class CloseReason(models.TextChoices):
        RATED = "rated", _("Rated by the resident")
        FOLLOW_UP = "follow_up", _("Rated in a follow-up call")
        AUTO = "auto", _("No rating within 7 days")

    reference = models.CharField(_("Reference number"), max_length=20, unique=True)
    lookup_code_hash = models.CharField(_("Lookup code (hashed)"), max_length=128)
    channel = models.CharField(
        _("Channel"), max_length=10, choices=Channel.choices, default=Channel.SITE
    )
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Resident"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hotline_requests",
    )
    caller_name = models.CharField(_("Caller's name"), max_length=50, blank=True)
    caller_phone = models.CharField(_("Caller's phone"), max_length=20, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hotline_requests_entered",
    )
    category = models.ForeignKey(
        "hotline.Category",
        verbose_name=_("Category"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    district = models.ForeignKey(
        "home.District",
        verbose_name=_("District"),
        on_delete=models.PROTECT,
        related_name="hotline_requests",
    )
    community = models.CharField(_("Community"), max_length=60, blank=True)
    place = models.CharField(_("Place"), max_length=120)
    description = models.TextField(_("Description"), max_length=2000)
    contact_preference = models.CharField(
        _("Contact preference"),
        max_length=10,
        choices=Contact.choices,
        default=Contact.SITE,
    )
    is_public = models.BooleanField(_("Shown on the public board"), default=False)
    photos_public = models.BooleanField(_("Photos may be shown"), default=False)
    tier = models.CharField(_("Tier"), max_length=10, choices=Tier.choices)
    status = models.CharField(
        _("Status"),
        max_length=12,
        choices=Status.choices,
        default=Status.SUBMITTED,
        db_index=True,
    )
    handling_unit = models.ForeignKey(
        "home.Unit",
        verbose_name=_("Handling unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hotline_requests",
    )
    round = models.PositiveSmallIntegerField(
        _("Round"), default=1, help_text=_("2 after a reopening.")
    )
    accept_due_at = models.DateTimeField(_("Accept by"), null=True, blank=True)
    resolve_due_at = models.DateTimeField(_("Resolve by"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("Accepted at"), null=True, blank=True)
    replied_at = models.DateTimeField(_("Replied at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("Closed at"), null=True, blank=True)
    close_reason = models.CharField(
        _("Closed because"), max_length=10, choices=CloseReason.choices, blank=True
    )
    paused_at = models.DateTimeField(_("Clock stopped at"), null=True, blank=True)
    paused_seconds = models.PositiveIntegerField(
        _("Time stopped (working seconds)"), default=0
    )
    accept_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    resolve_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_back_once = models.BooleanField(_("Sent back once"), default=False)
    extension_requested = models.BooleanField(_("Extension requested"), default=False)
    extended = models.BooleanField(_("Extended"), default=False)
    reopened_once = models.BooleanField(_("Reopened once"), default=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("Merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_requests",
    )
    created_at = models.DateTimeField(_("Submitted at"), db_index=True)
    updated_at = models.DateTimeField(_("Updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Hotline request")
        verbose_name_plural = _("Hotline requests")
        permissions = [
            ("operate_hotline", _("Can enter, reassign and follow up requests")),
            ("dispatch_hotline", _("Can decide sent-back requests and extensions")),
            ("oversee_hotline", _("Can see the city's hotline dashboard")),
        ]
        indexes = [
            models.Index(fields=["handling_unit", "status"]),
            models.Index(fields=["is_public", "status", "created_at"]),
            models.Index(fields=["category", "district", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="merged")
                | models.Q(merged_into__isnull=False),
                name="hotline_request_merged_has_target",
            ),
            models.CheckConstraint(
                condition=models.Q(round__gte=1, round__lte=2),
                name="hotline_request_round_range",
            ),
            models.CheckConstraint(
                condition=models.Q(resident__isnull=False) | ~models.Q(caller_phone=""),
                name="hotline_request_has_someone_to_answer",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def status_tone(self) -> str:
        return self.STATUS_TONES.get(self.status, "muted")

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class RequestPhoto(models.Model):
    """A photo the resident attached (at most 6, checked in the service)."""

    request = models.ForeignKey(
        Request,
        verbose_name=_("Request"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    image = models.ImageField(
        _("Photo"), upload_to=request_photo_path, storage=private_storage
    )
    created_at = models.DateTimeField(_("Added at"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("Request photo")
        verbose_name_plural = _("Request photos")

    def __str__(self):
        return f"{self.request} #{self.pk}"


class RequestEvent(models.Model):
    """One step of a request's history: who did what, when, and why."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ENTERED = "entered", _("Entered by an operator")
        ROUTED = "routed", _("Routed")
        REASSIGNED = "reassigned", _("Reassigned")
        SENT_BACK = "sent_back", _("Sent back")
        SEND_BACK_DECIDED = "send_back_decided", _("Sent-back request decided")
        ACCEPTED = "accepted", pgettext_lazy("hotline status", "Accepted")
        STARTED = "started", _("Work started")
        PAUSED = "paused", _("Clock stopped: waiting for the resident")
        RESUMED = "resumed", _("Clock restarted")
        REPLIED = "replied", _("Replied")
        RATED = "rated", _("Rated")
        FOLLOW_UP = "follow_up", _("Follow-up call")
        CLOSED = "closed", pgettext_lazy("hotline status", "Closed")
        AUTO_CLOSED = "auto_closed", _("Closed without a rating")
        REOPENED = "reopened", _("Reopened")
        EXTENSION_REQUESTED = "extension_requested", _("Extension requested")
        EXTENSION_DECIDED = "extension_decided", _("Extension decided")
        ESCALATED = "escalated", _("Escalated")
        REMINDED = "reminded", _("Reminder sent")
        MERGED = "merged", _("Merged as a duplicate")
        FOLLOWER_ADDED = "follower_added", _("Duplicate merged in")

    request = models.ForeignKey(
        Request,
        verbose_name=_("Request"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("Step"), max_length=24, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("By"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    unit = models.ForeignKey(
        "home.Unit",
        verbose_name=_("Unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    text = models.TextField(_("Reason or note"), blank=True)
    # What the platform says of the step, stored as words to translate when
    # shown (never a sentence in the language active when it was written):
    # {"note": <English msgid, gettext_noop>, "grade": …, "level": …}.
    params = models.JSONField(_("Step details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("At"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Request step")
        verbose_name_plural = _("Request history")

    def __str__(self):
        return f"{self.request} · {self.get_kind_display()}"

    @property
    def note(self) -> str:
        """The step's note in the language of the page: the platform's words
        (translated now) followed by what a person wrote (``text``)."""
        from .outcomes import Escalation, Rating

        params = self.params or {}
        parts = []
        if params.get("note"):
            unit = self.unit.name if self.unit_id and self.unit else ""
            parts.append(gettext(params["note"]) % {**params, "unit": unit})
        if params.get("grade") in Rating.Grade.values:
            parts.append(str(Rating.Grade(params["grade"]).label))
        if params.get("level") in Escalation.Level.values:
            parts.append(str(Escalation.Level(params["level"]).label))
        if self.text:
            parts.append(self.text)
        return " ".join(parts)


class Follower(models.Model):
    """Someone whose duplicate request was merged into this one: they hear of
    every step of the surviving case."""

    request = models.ForeignKey(
        Request,
        verbose_name=_("Request"),
        on_delete=models.CASCADE,
        related_name="followers",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Resident"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hotline_followed",
    )
    source = models.OneToOneField(
        Request,
        verbose_name=_("Merged request"),
        on_delete=models.CASCADE,
        related_name="follower_row",
    )
    created_at = models.DateTimeField(_("Merged at"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("Follower")
        verbose_name_plural = _("Followers")

    def __str__(self):
        return f"{self.request} ← {self.source}"
