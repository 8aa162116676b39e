"""Consultation pages: the index and one page per draft decision."""

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from consultations.blocks import AttachmentStreamBlock, ClauseStreamBlock
from home.models.pages import CHINESE_SEARCH_FIELDS, ChineseSearchMixin


class Topic(models.Model):
    """What a consultation is about (城市管理, 社会保障 …); managed by staff."""

    name = models.CharField(_("Name"), max_length=40, unique=True)
    slug = models.SlugField(_("URL slug"), max_length=40, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Topic")
        verbose_name_plural = _("Topics")

    def __str__(self):
        return self.name


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open for comments")
    CLOSED = "closed", _("Closed, answering")
    CONCLUDED = "concluded", _("Results published")

    @property
    def tone(self) -> str:
        """The badge tone: success, info, warning, danger or muted."""
        cls = type(self)
        return {
            cls.UPCOMING: "info",
            cls.OPEN: "success",
            cls.CLOSED: "warning",
            cls.CONCLUDED: "muted",
        }[self]


class ConsultationIndexPage(ChineseSearchMixin, Page):
    intro = RichTextField(_("Introduction"), blank=True, features=["bold", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, *CHINESE_SEARCH_FIELDS]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]

    class Meta:
        verbose_name = _("Consultation index")
        verbose_name_plural = _("Consultation indexes")

    def get_context(self, request, *args, **kwargs):
        from consultations.views.index import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(request, index_page=self))
        return context


class ConsultationPage(ChineseSearchMixin, Page):
    class Moderation(models.TextChoices):
        PRE = "pre", _("Pre-moderated: comments appear once approved")
        POST = "post", _("Post-moderated: comments appear at once")

    unit = models.ForeignKey(
        "home.Unit",
        verbose_name=_("Issuing unit"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("Topic"),
        on_delete=models.PROTECT,
        related_name="consultations",
        null=True,
        blank=True,
    )
    district = models.ForeignKey(
        "home.District",
        verbose_name=_("District"),
        on_delete=models.PROTECT,
        related_name="consultations",
        null=True,
        blank=True,
        help_text=_("Leave empty for a city-wide consultation."),
    )
    summary = models.TextField(_("Summary"), max_length=2000)
    clauses = StreamField(ClauseStreamBlock(), blank=True, verbose_name=_("Clauses"))
    attachments = StreamField(
        AttachmentStreamBlock(), blank=True, verbose_name=_("Attachments")
    )
    opens_at = models.DateTimeField(_("Opens at"))
    closes_at = models.DateTimeField(_("Closes at"))
    reply_deadline = models.DateTimeField(
        _("Reply deadline"), help_text=_("Every comment is answered by this time.")
    )
    moderation = models.CharField(
        _("Moderation"),
        max_length=4,
        choices=Moderation.choices,
        default=Moderation.POST,
    )
    flag_threshold = models.PositiveSmallIntegerField(
        _("Flags before hiding"),
        default=3,
        help_text=_("A comment flagged this many times is hidden until reviewed."),
    )
    results_summary = RichTextField(
        _("What we did"),
        blank=True,
        features=["h3", "bold", "italic", "ol", "ul", "link", "document-link"],
    )
    final_decision = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("Final decision document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    results_published_at = models.DateTimeField(
        _("Results published at"), null=True, blank=True, editable=False
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("unit"),
                FieldRowPanel([FieldPanel("topic"), FieldPanel("district")]),
                FieldPanel("summary"),
            ],
            heading=_("About"),
        ),
        FieldPanel("clauses"),
        FieldPanel("attachments"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("reply_deadline"),
                FieldRowPanel([FieldPanel("moderation"), FieldPanel("flag_threshold")]),
            ],
            heading=_("Schedule and moderation"),
        ),
        InlinePanel("survey_questions", heading=_("Survey"), label=_("Question")),
        MultiFieldPanel(
            [FieldPanel("results_summary"), FieldPanel("final_decision")],
            heading=_("Results"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        *CHINESE_SEARCH_FIELDS,
        index.FilterField("unit"),
        index.FilterField("topic"),
        index.FilterField("district"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Consultation")
        verbose_name_plural = _("Consultations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="consultation_closes_after_opening",
                violation_error_message=_(
                    "The closing time must be after the opening."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(reply_deadline__gte=models.F("closes_at")),
                name="consultation_reply_deadline_after_closing",
                violation_error_message=_(
                    "The reply deadline cannot be before the closing time."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(flag_threshold__gte=1),
                name="consultation_flag_threshold_positive",
            ),
        ]

    def search_text_parts(self):
        return [self.summary, *self.stream_text(self.clauses)]

    def phase_at(self, moment) -> str:
        """The phase is derived from the clock, so nothing waits on a scheduler."""
        if self.results_published_at is not None:
            return Phase.CONCLUDED
        if moment < self.opens_at:
            return Phase.UPCOMING
        if moment < self.closes_at:
            return Phase.OPEN
        return Phase.CLOSED

    @property
    def phase(self) -> str:
        return self.phase_at(timezone.now())

    def get_phase_display(self) -> str:
        return Phase(self.phase).label

    @property
    def is_open(self) -> bool:
        return self.phase == Phase.OPEN

    @cached_property
    def clause_list(self) -> list[dict]:
        """The clauses as dicts with their stable ids, in order."""
        return [
            {
                "id": block.id,
                "number": block.value["number"],
                "heading": block.value["heading"],
                "text": block.value["text"],
            }
            for block in self.clauses
            if block.block_type == "clause"
        ]

    def clause_label(self, clause_id: str) -> str:
        for clause in self.clause_list:
            if clause["id"] == clause_id:
                return clause["number"]
        return ""

    @property
    def is_pre_moderated(self) -> bool:
        return self.moderation == self.Moderation.PRE

    def reply_due_for(self, created_at):
        return max(self.reply_deadline, created_at)

    def with_content_json(self, content):
        """Publishing a revision must not undo published results: the revision's
        JSON may predate them."""
        page = super().with_content_json(content)
        page.results_published_at = self.results_published_at
        return page

    def get_context(self, request, *args, **kwargs):
        from consultations.views.detail import detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(detail_context(request, consultation=self))
        return context
