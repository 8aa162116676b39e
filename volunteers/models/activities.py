"""The activity page (its shifts are in shifts.py, the index and the units'
folders in activity_index.py). The page owns its reads — ``get_context`` calls a
small method that calls the selectors — and its sign-up and cancel forms, as
``RoutablePageMixin`` routes.

Selectors and services import these models, so the page's methods import them
when called."""

from decimal import Decimal
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import F, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home.exceptions import ServiceError
from home.localized_pages import LocalizedURLMixin
from home.models.pages import CHINESE_SEARCH_FIELDS, ChineseSearchMixin
from home.routing import post_path
from volunteers.models.activity_index import UnitActivitiesPage


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


def register_url() -> str:
    """Where a visitor becomes a volunteer."""
    try:
        return reverse("volunteers:register")
    except NoReverseMatch:
        return translate_url("/volunteers/register/", get_language())


class ActivityPageForm(WagtailAdminPageForm):
    """The organising unit is the unit whose folder the page is in; a team, if
    chosen, must belong to it. A shift keeps at least as many places as are taken,
    and one with sign-ups cannot be removed."""

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
        from volunteers.forms.shifts import check_shift_forms

        check_shift_forms(self)
        return cleaned_data


class ActivityPage(LocalizedURLMixin, RoutablePageMixin, ChineseSearchMixin, Page):
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
    # A proposal: it takes effect once staff approve it (MultiplierDecision).
    points_multiplier = models.DecimalField(
        _("Points multiplier"),
        max_digits=3,
        decimal_places=1,
        default=Decimal("1.0"),
        help_text=_(
            "A proposal: publishing sends it to staff, and points use it only "
            "once staff approve it."
        ),
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

    def with_content_json(self, content):
        """A revision (published by a workflow, the scheduler or "revert") may
        predate the sign-ups of a shift it leaves out: that shift stays, as its
        sign-ups and hours refer to it. (Its places live outside revisions, on
        ``ShiftPlaces``.)"""
        page = super().with_content_json(content)
        if self.pk is None:
            return page
        from volunteers.models import Shift

        kept = {shift.pk for shift in page.shifts.all() if shift.pk is not None}
        signed_up = list(
            Shift.objects.filter(activity_id=self.pk, signups__isnull=False)
            .exclude(pk__in=kept)
            .distinct()
        )
        if signed_up:
            page.shifts = [*page.shifts.all(), *signed_up]
        return page

    @cached_property
    def approved_points_multiplier(self) -> Decimal:
        """The multiplier points are credited with (approved by staff)."""
        from volunteers.selectors.decisions import approved_multiplier

        return approved_multiplier(activity_id=self.pk)

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

    # Reads -------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.visitor_context(user=request.user))
        return context

    def visitor_context(self, *, user) -> dict:
        """The shifts as ``user`` sees them: their own sign-ups and what they may
        do about each shift."""
        from volunteers.selectors.activities import activity_shifts_for_visitor
        from volunteers.selectors.profiles import volunteer_for_user
        from volunteers.selectors.workspace import activity_organiser_tools

        now = timezone.now()
        volunteer = volunteer_for_user(user=user)
        return {
            "organiser_tools": activity_organiser_tools(user=user, activity=self),
            "shifts": activity_shifts_for_visitor(
                activity=self, volunteer=volunteer, now=now
            ),
            "volunteer": volunteer,
            "signup_window_open": self.signup_opens_at <= now < self.signup_closes_at,
            "register_url": register_url(),
            "now": now,
        }

    # Forms: sign up for a shift, cancel a sign-up -----------------------------
    # They work without JavaScript: a POST, then back to the shift with a message
    # (a refusal too, so that reloading never posts twice).

    @post_path("shifts/<int:shift_id>/signup/", name="shift_signup")
    def shift_signup(self, request, shift_id):
        from home.limits import enforce
        from volunteers.models import Shift, Signup
        from volunteers.selectors.profiles import volunteer_for_user
        from volunteers.selectors.signups import waitlist_position
        from volunteers.services import signups as services

        shift = get_object_or_404(
            Shift.objects.select_related("activity"), pk=shift_id, activity=self
        )
        if not request.user.is_authenticated:
            login_url = reverse("account_login")
            query = urlencode({"next": self._url_in_language(request)})
            return redirect(f"{login_url}?{query}")
        volunteer = volunteer_for_user(user=request.user)
        if volunteer is None:
            messages.info(
                request,
                gettext(
                    "Register as a Green Ribbon volunteer first; then you can sign up."
                ),
            )
            return redirect(register_url())
        try:
            enforce("shift_signup", request=request)
            signup = services.signup_create(volunteer=volunteer, shift=shift)
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            if signup.status == Signup.Status.CONFIRMED:
                messages.success(
                    request, gettext("You have a place in this shift. Thank you!")
                )
            else:
                messages.success(
                    request,
                    gettext(
                        "This shift is full: you are number %(position)d on its "
                        "waitlist. We will email you if a place becomes free."
                    )
                    % {"position": waitlist_position(signup)},
                )
        return redirect(self._back_to(request, shift_id=shift.pk))

    @post_path("signups/<int:signup_id>/cancel/", name="signup_cancel")
    def signup_cancel(self, request, signup_id):
        from home.limits import enforce
        from volunteers.models import Signup
        from volunteers.selectors.profiles import volunteer_for_user
        from volunteers.services import signups as services

        if not request.user.is_authenticated:
            return redirect(reverse("account_login"))
        volunteer = volunteer_for_user(user=request.user)
        # Someone else's sign-up (or one of another activity) is not found.
        signup = get_object_or_404(
            Signup.objects.select_related("shift__activity"),
            pk=signup_id,
            volunteer=volunteer,
            shift__activity=self,
        )
        try:
            enforce("shift_signup", request=request)
            services.signup_cancel(volunteer=volunteer, signup=signup)
        except (ServiceError, PermissionDenied) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, gettext("Your sign-up is cancelled."))
        return redirect(self._back_to(request, shift_id=signup.shift_id))

    def _url_in_language(self, request) -> str:
        return translate_url(self.get_url(request) or "/", get_language())

    def _back_to(self, request, *, shift_id) -> str:
        """A safe ``next`` (the volunteer's own page), else the shift on this page
        in the visitor's language."""
        next_url = request.POST.get("next", "")
        if next_url and url_has_allowed_host_and_scheme(
            next_url,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            return next_url
        return f"{self._url_in_language(request)}#shift-{shift_id}"
