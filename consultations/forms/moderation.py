"""Forms and filters of the moderation screens in the Wagtail admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.widgets import AdminDateTimeInput

import django_filters

from consultations.models import (
    Comment,
    ConsultationPage,
    ModerationDecision,
    Violation,
)
from consultations.selectors.moderation import (
    QUEUE_TABS,
    consultations_with_comments,
    moderator_display_name,
)
from consultations.services.moderation import actions_for
from home.models import User

REASON_HELP = _("The author receives this reason by email, and it is kept in the log.")


class ModerationForm(forms.Form):
    action = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=REASON_HELP,
    )

    violation = forms.ChoiceField(
        label=_("Rule broken"),
        required=False,
        choices=[("", "—"), *Violation.choices],
        help_text=_(
            "Required to remove a comment. Only a confirmed violation takes the "
            "comment out of the unit's answer rate; the public page counts "
            "removals by rule."
        ),
    )

    def __init__(self, *args, comment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = actions_for(comment)


class AppealDecisionForm(forms.Form):
    grant = forms.TypedChoiceField(
        label=_("Decision on the appeal"),
        widget=forms.RadioSelect,
        coerce=lambda value: value == "grant",
        choices=[
            ("grant", _("Grant: publish the comment again")),
            ("deny", _("Refuse: the decision stands")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=REASON_HELP,
    )


class BulkApproveForm(forms.Form):
    comments = forms.TypedMultipleChoiceField(
        label=_("Comments"), coerce=int, choices=(), required=True
    )
    reason = forms.CharField(
        label=_("Reason for approving the selected comments"),
        max_length=500,
        help_text=REASON_HELP,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any id may be posted; the service refuses those that are not pending.
        values = self.data.getlist("comments") if hasattr(self.data, "getlist") else []
        self.fields["comments"].choices = [(value, value) for value in values]
        self.fields["comments"].error_messages["required"] = _(
            "Select at least one comment."
        )


class BanForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the ban; moderators see it."),
    )
    until = forms.DateTimeField(
        label=_("Until"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=_("Leave empty to ban until a moderator lifts it."),
    )


class ModerationQueueFilterSet(WagtailFilterSet):
    tab = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=[(name, label) for name, (label, _condition) in QUEUE_TABS.items()],
        method="filter_nothing",  # the view picks the tab's queryset
        empty_label=None,
        null_label=None,
    )
    consultation = django_filters.ModelChoiceFilter(
        label=_("Consultation"),
        queryset=lambda request: consultations_with_comments(),
    )

    class Meta:
        model = Comment
        fields: list[str] = []

    def filter_nothing(self, queryset, name, value):
        return queryset


class ModeratorChoiceField(django_filters.fields.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return moderator_display_name(obj)


class ModeratorFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = ModeratorChoiceField


class ModerationLogFilterSet(WagtailFilterSet):
    action = django_filters.MultipleChoiceFilter(
        label=_("Action"),
        choices=ModerationDecision.Action.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    moderator = ModeratorFilter(
        label=_("Moderator"),
        widget=forms.CheckboxSelectMultiple,
        queryset=lambda request: User.objects.filter(
            pk__in=ModerationDecision.objects.filter(moderator__isnull=False).values(
                "moderator_id"
            )
        ).order_by("display_name", "pk"),
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Date"), widget=DateRangePickerWidget
    )

    class Meta:
        model = ModerationDecision
        fields: list[str] = []


class ResultsFilterSet(WagtailFilterSet):
    published = django_filters.BooleanFilter(
        label=_("Results published"),
        field_name="results_published_at",
        lookup_expr="isnull",
        exclude=True,
    )

    class Meta:
        model = ConsultationPage
        fields: list[str] = []
