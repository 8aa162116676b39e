"""The filter forms of the public lists (includes/filter_form.html): what is
filtered, in one line, for the "筛选" control while it is collapsed."""

import datetime

from django import forms, template
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

register = template.Library()


def _choice_labels(field, values) -> list[str]:
    labels = {}
    for key, label in field.choices:
        if isinstance(label, list | tuple):  # an optgroup
            labels.update({str(k): str(v) for k, v in label})
        else:
            labels[str(getattr(key, "value", key))] = str(label)
    return [labels.get(str(getattr(v, "pk", v)), str(v)) for v in values]


def _display(field, value) -> str:
    if isinstance(field, forms.BooleanField):
        return ""
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        values = value if isinstance(value, list | tuple) else [value]
        return pgettext("list of values", ", ").join(_choice_labels(field, values))
    if isinstance(value, datetime.date):
        return date_format(value, "Y-m-d")
    return str(value)


@register.filter
def active_filters(form) -> str:
    """ "Filtered: District: 南明区; Places left" for the valid, non-empty fields of
    a bound filter form, or "" when nothing is filtered. Values the form drops
    (unknown choices) are not listed, as they do not filter."""
    if form is None or not form.is_bound:
        return ""
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    parts = []
    for name, field in form.fields.items():
        value = cleaned.get(name)
        if value in (None, "", [], (), False) or field.widget.is_hidden:
            continue
        shown = _display(field, value)
        if shown:
            parts.append(
                _("%(label)s: %(value)s") % {"label": field.label, "value": shown}
            )
        else:
            parts.append(str(field.label))
    if not parts:
        return ""
    separator = pgettext("list of filters", "; ")
    return _("Filtered: %(filters)s") % {"filters": separator.join(parts)}
