"""The consultation page: one per draft decision, and its topics and phases.

The page owns its reads: ``get_context`` calls small methods that call the
selectors. Its residents' forms post to its routes
(consultations/models/page_routes.py); the index is in index_page.py.

Selectors and forms are imported inside the methods: they import
``consultations.models``, which is still loading while this module runs."""

from urllib.parse import urlencode

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from consultations.blocks import AttachmentStreamBlock, ClauseStreamBlock
from consultations.models.page_routes import ConsultationPageRoutes
from home.localized_pages import LocalizedURLMixin
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


class ConsultationPage(
    LocalizedURLMixin, ConsultationPageRoutes, ChineseSearchMixin, Page
):
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
    # A copy is a new consultation: its results are not published yet.
    exclude_fields_in_copy = ["results_published_at"]
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

    # Reads -------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        """The page, its comments and survey, and the viewer's forms. The page
        needs the same number of queries whatever the number of comments and
        replies (see consultations/selectors/comments.py)."""
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        phase = self.phase_at(now)
        if self.pk is None:
            context.update(self.new_page_preview_context(phase))
            return context
        from consultations.selectors.following import follow_context
        from consultations.selectors.results import consultation_results

        viewer = request.user
        page_url = self.get_url(request)
        # After a refused comment (a POST) the forms send back to the page.
        current_url = request.get_full_path() if request.method == "GET" else page_url
        context.update(
            consultation=self,
            phase=phase,
            page_url=page_url,
            current_url=current_url,
            user=viewer,
        )
        context.update(
            self.comments_context(
                request.GET, viewer=viewer, now=now, page_url=page_url
            )
        )
        context["results"] = (
            consultation_results(consultation=self)
            if phase in (Phase.CLOSED, Phase.CONCLUDED)
            else None
        )
        context.update(self.survey_context(request, page_url=page_url))
        context.update(follow_context(consultation=self, viewer=viewer))
        return context

    def comments_context(self, params, *, viewer, now, page_url: str) -> dict:
        """The figures per clause, one page of published comments (``after`` /
        ``before`` cursors, ``comments_clause`` filter from the query string), the
        viewer's own unpublished comments, and the comment form or why not."""
        from consultations.forms.comments import CommentForm
        from consultations.models.comments import CommentFlag
        from consultations.selectors import comments as comment_selectors
        from consultations.selectors.answer_rates import removed_comments

        figures = comment_selectors.clause_figures(consultation=self)
        clause_ids = {clause["id"] for clause in self.clause_list}
        clause_filter = params.get("comments_clause", "")
        if clause_filter not in clause_ids:
            clause_filter = ""
        comment_page = comment_selectors.published_comments_page(
            consultation=self,
            viewer=viewer,
            clause_id=clause_filter,
            after=params.get("after", ""),
            before=params.get("before", ""),
        )
        commenting = comment_selectors.commenting_status(
            user=viewer, consultation=self, now=now
        )
        if commenting["state"] == "sign_in":
            next_url = urlencode({"next": f"{page_url}#comment-form"})
            commenting["login_url"] = f"{reverse('account_login')}?{next_url}"
        comment_form = None
        if commenting["state"] == "allowed":
            chosen = params.get("clause", "")
            comment_form = CommentForm(
                consultation=self,
                initial={"clause": chosen if chosen in clause_ids else ""},
            )
        return {
            "figures": figures,
            "clauses": comment_selectors.clauses_with_figures(
                consultation=self, figures=figures
            ),
            "clause_filter": clause_filter,
            "clause_filter_label": self.clause_label(clause_filter),
            "comment_page": comment_page,
            "removed_comments": removed_comments(consultation=self),
            "own_unpublished_comments": comment_selectors.own_unpublished_comments(
                consultation=self, viewer=viewer
            ),
            "commenting": commenting,
            "comment_form": comment_form,
            "can_react": self.phase_at(now) == Phase.OPEN and viewer.is_authenticated,
            "flag_reasons": CommentFlag.Reason.choices,
        }

    def survey_context(self, request, *, page_url: str) -> dict:
        """The ``survey`` entry (None when there is no survey): what the selector
        says, plus the form when the resident may answer (with their refused
        answers again after an error, kept in the session by ``survey_submit``)."""
        from consultations.forms.surveys import SurveyForm
        from consultations.selectors.surveys import survey_draft_key, survey_for_viewer

        survey = survey_for_viewer(consultation=self, viewer=request.user)
        if survey is None:
            return {"survey": None}
        page_url = page_url or ""
        session = getattr(request, "session", None)
        draft = None
        if session is not None:
            draft = session.pop(survey_draft_key(self), None)
        form = None
        if survey["state"] == "answer":
            form = SurveyForm(
                MultiValueDict(draft) if draft else None, questions=survey["questions"]
            )
            if draft:
                form.is_valid()  # shows the refused answers with their messages
        survey.update(
            form=form,
            action_url=page_url + self.reverse_subpage("survey_submit"),
            login_url=reverse("account_login")
            + "?"
            + urlencode({"next": f"{page_url}#survey"}),
        )
        return {"survey": survey}

    def new_page_preview_context(self, phase) -> dict:
        """An editor previews a consultation that is not saved yet: the text only
        (there can be no comments, and the forms would have nowhere to post)."""
        from consultations.selectors import comments as comment_selectors

        figures = comment_selectors.ClauseFigures()
        return {
            "consultation": self,
            "phase": phase,
            "page_url": "",
            "current_url": "",
            "figures": figures,
            "clauses": comment_selectors.clauses_with_figures(
                consultation=self, figures=figures
            ),
            "comment_page": comment_selectors.CommentPage(comments=[]),
            "commenting": {"state": "preview", "ban": None},
            "results": None,
        }
