"""Activities (Wagtail pages) with shifts, and volunteers' sign-ups."""

from datetime import timedelta
from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey

from home.models.folders import UnitFolderMixin
from home.models.pages import CHINESE_SEARCH_FIELDS, ChineseSearchMixin


class ActivityPhase(models.TextChoices):
    UPCOMING = "upcoming", _("Sign-up not open yet")
    SIGNUP = "signup", _("Open for sign-up")
    SIGNUP_CLOSED = "signup_closed", _("Sign-up closed")
    IN_PROGRESS = "in_progress", _("In progress")
    FINISHED = "finished", _("Finished")

    @property
    def tone(self) -> str:
        """The badge tone: success, info, warning, danger or muted."""
        cls = type(self)
        return {
            cls.UPCOMING: "info",
            cls.SIGNUP: "success",
            cls.SIGNUP_CLOSED: "warning",
            cls.IN_PROGRESS: "info",
            cls.FINISHED: "muted",
        }[self]


class ActivityCategory(models.TextChoices):
    COMMUNITY = "community", _("Community service")
    ENVIRONMENT = "environment", _("Environment")
    ELDERLY = "elderly", _("Care for the elderly")
    CHILDREN = "children", _("Children and youth")
    TRAFFIC = "traffic", _("Civilised traffic")
    LEGAL = "legal", _("Legal aid and mediation")
    HEALTH = "health", _("Health")
    CULTURE = "culture", _("Culture and sport")
    EMERGENCY = "emergency", _("Emergency and safety")


class ActivityIndexPage(ChineseSearchMixin, Page):
    intro = RichTextField(_("Introduction"), blank=True, features=["bold", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, *CHINESE_SEARCH_FIELDS]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["volunteers.UnitActivitiesPage"]

    class Meta:
        verbose_name = _("Activity index")
        verbose_name_plural = _("Activity indexes")

    def get_context(self, request, *args, **kwargs):
        from volunteers.views.activities import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(request, index_page=self))
        return context


class UnitActivitiesPage(UnitFolderMixin, Page):
    """One unit's activities (/activities/<unit>/): the subtree its editors and
    organisers may write in. Created with the unit (home/workspaces.py)."""

    unit = models.OneToOneField(
        "home.Unit",
        verbose_name=_("Unit"),
        on_delete=models.PROTECT,
        related_name="activity_folder",
    )

    section_index_model = "volunteers.ActivityIndexPage"
    unit_group_can_publish = True
    is_creatable = False
    template = "volunteers/activity_index_page.html"
    content_panels = [*Page.content_panels]
    parent_page_types = ["volunteers.ActivityIndexPage"]
    subpage_types = ["volunteers.ActivityPage"]

    class Meta:
        verbose_name = _("Unit's activities")
        verbose_name_plural = _("Units' activities")

    def get_context(self, request, *args, **kwargs):
        from volunteers.views.activities import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(request, index_page=self))
        context["folder_unit"] = self.unit
        return context


class ActivityPageForm(WagtailAdminPageForm):
    """The organising unit is the unit whose folder the page is in; a team, if
    chosen, must belong to it."""

    def clean(self):
        cleaned_data = super().clean()
        parent = self.parent_page if self.instance._state.adding else None
        parent = parent or self.instance.get_parent()
        folder = parent.specific if parent is not None else None
        if isinstance(folder, UnitActivitiesPage):
            self.instance.unit = folder.unit
        team = cleaned_data.get("team")
        if (
            team is not None
            and self.instance.unit_id
            and team.unit_id
            not in (
                None,
                self.instance.unit_id,
            )
        ):
            self.add_error("team", _("Choose a team of the organising unit."))
        return cleaned_data


class ActivityPage(ChineseSearchMixin, Page):
    unit = models.ForeignKey(
        "home.Unit",
        verbose_name=_("Organising unit"),
        on_delete=models.PROTECT,
        related_name="activities",
    )
    team = models.ForeignKey(
        "volunteers.Team",
        verbose_name=_("Organising team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    category = models.CharField(
        _("Category"), max_length=20, choices=ActivityCategory.choices
    )
    summary = models.TextField(_("Summary"), max_length=500)
    description = RichTextField(_("Description"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Image"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    district = models.ForeignKey(
        "home.District", verbose_name=_("District"), on_delete=models.PROTECT
    )
    place = models.CharField(_("Place"), max_length=200)
    signup_opens_at = models.DateTimeField(_("Sign-up opens"))
    signup_closes_at = models.DateTimeField(_("Sign-up closes"))
    cancellation_deadline_hours = models.PositiveSmallIntegerField(
        _("Cancellation closes (hours before the shift)"), default=24
    )
    required_skills = models.CharField(_("Skills needed"), max_length=200, blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("Minimum age"), default=0)
    points_multiplier = models.DecimalField(
        _("Points multiplier"), max_digits=3, decimal_places=1, default=Decimal("1.0")
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("team"),
                FieldRowPanel([FieldPanel("category"), FieldPanel("district")]),
                FieldPanel("place"),
                FieldPanel("summary"),
                FieldPanel("description"),
                FieldPanel("image"),
            ],
            heading=_("About"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("signup_opens_at"), FieldPanel("signup_closes_at")]
                ),
                FieldPanel("cancellation_deadline_hours"),
                FieldRowPanel(
                    [FieldPanel("required_skills"), FieldPanel("minimum_age")]
                ),
                FieldPanel("points_multiplier"),
            ],
            heading=_("Sign-up"),
        ),
        InlinePanel("shifts", heading=_("Shifts"), label=_("Shift"), min_num=1),
    ]
    search_fields = [
        *Page.search_fields,
        *CHINESE_SEARCH_FIELDS,
        index.FilterField("unit"),
        index.FilterField("district"),
        index.FilterField("category"),
    ]
    parent_page_types = ["volunteers.UnitActivitiesPage"]
    subpage_types: list[str] = []
    base_form_class = ActivityPageForm

    class Meta:
        verbose_name = _("Activity")
        verbose_name_plural = _("Activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(signup_closes_at__gt=F("signup_opens_at")),
                name="activity_signup_window",
                violation_error_message=_("Sign-up must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(points_multiplier__gte=0, points_multiplier__lte=10),
                name="activity_points_multiplier_range",
            ),
        ]

    def search_text_parts(self):
        return [self.summary, self.place, self.required_skills]

    @cached_property
    def shift_list(self) -> list:
        return list(self.shifts.order_by("starts_at", "pk"))

    def phase_at(self, moment) -> str:
        """Derived from the clock and the shifts' times."""
        shifts = self.shift_list
        if shifts and moment >= max(shift.ends_at for shift in shifts):
            return ActivityPhase.FINISHED
        if shifts and moment >= min(shift.starts_at for shift in shifts):
            return ActivityPhase.IN_PROGRESS
        if moment < self.signup_opens_at:
            return ActivityPhase.UPCOMING
        if moment < self.signup_closes_at:
            return ActivityPhase.SIGNUP
        return ActivityPhase.SIGNUP_CLOSED

    @property
    def phase(self) -> str:
        return self.phase_at(timezone.now())

    def get_phase_display(self) -> str:
        return ActivityPhase(self.phase).label

    def get_context(self, request, *args, **kwargs):
        from volunteers.views.activities import detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(detail_context(request, activity=self))
        return context


class Shift(Orderable):
    """A time slot of an activity with a number of places. ``confirmed_count`` is
    kept by a conditional UPDATE and the database refuses it above capacity."""

    activity = ParentalKey(
        ActivityPage, on_delete=models.CASCADE, related_name="shifts"
    )
    role = models.CharField(_("Role"), max_length=60, blank=True)
    starts_at = models.DateTimeField(_("Starts at"))
    ends_at = models.DateTimeField(_("Ends at"))
    capacity = models.PositiveIntegerField(_("Places"))
    confirmed_count = models.PositiveIntegerField(default=0, editable=False)

    panels = [
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("capacity"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Shift")
        verbose_name_plural = _("Shifts")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="shift_ends_after_start",
                violation_error_message=_("A shift must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="shift_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_count__lte=F("capacity")),
                name="shift_never_over_capacity",
            ),
        ]

    def __str__(self):
        return f"{self.activity.title} · {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)

    def cancellation_closes_at(self, activity=None):
        activity = activity or self.activity
        return self.starts_at - timedelta(hours=activity.cancellation_deadline_hours)


class Signup(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("Did not come")

        @property
        def tone(self) -> str:
            """The badge tone: success, info, warning, danger or muted."""
            cls = type(self)
            return {
                cls.CONFIRMED: "success",
                cls.WAITLISTED: "info",
                cls.CANCELLED: "muted",
                cls.NO_SHOW: "warning",
            }[self]

    shift = models.ForeignKey(Shift, on_delete=models.PROTECT, related_name="signups")
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.CASCADE, related_name="signups"
    )
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(
        _("Signed up at"), auto_now_add=True, db_index=True
    )
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("Sign-up")
        verbose_name_plural = _("Sign-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"],
                condition=Q(status__in=["confirmed", "waitlisted"]),
                name="signup_one_active_per_shift",
                violation_error_message=_("You have already signed up for this shift."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["shift", "status", "created_at"], name="signup_queue_idx"
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} · {self.shift_id} · {self.status}"

    @property
    def status_tone(self) -> str:
        return self.Status(self.status).tone
