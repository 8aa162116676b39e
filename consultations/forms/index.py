"""The consultation index's filter form (GET, works without JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consultations.models import Phase


class ConsultationFilterForm(forms.Form):
    """Filters by topic slug, district code, unit slug, phase and search words.
    An unknown value is dropped rather than shown as an error: the links are
    shareable and a removed topic must not break them."""

    q = forms.CharField(
        label=_("Keywords"), max_length=50, required=False, widget=forms.SearchInput
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)
    unit = forms.ChoiceField(label=_("Issuing unit"), required=False)
    phase = forms.ChoiceField(label=_("Phase"), required=False)

    def __init__(self, data, *, topics, districts, units):
        super().__init__(data)
        self.fields["topic"].choices = [
            ("", _("All topics")),
            *((topic.slug, topic.name) for topic in topics),
        ]
        self.fields["district"].choices = [
            ("", _("All districts")),
            *((district.code, district.name) for district in districts),
        ]
        self.fields["unit"].choices = [
            ("", _("All units")),
            *((unit.slug, unit.name) for unit in units),
        ]
        self.fields["phase"].choices = [("", _("All phases")), *Phase.choices]

    def filters(self) -> dict[str, str]:
        """The valid filters, each field's value or ""."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: (cleaned.get(name) or "").strip() for name in self.fields}
