"""The forms of the hotline's pages: a resident's request, an operator's call,
a rating, the lookup by reference and code, and the staff's actions. They only
parse; the services (consultations/hotline/services) decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.models import District, Unit

from .models import Category, Rating, Request, Tier

MAX_PHOTOS = 6
MAX_PHOTO_BYTES = 8 * 1024 * 1024


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.ImageField):
    """Up to six images, each checked to be an image (Pillow opens it)."""

    widget = MultiplePhotoInput(attrs={"accept": "image/*"})

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_PHOTOS:
            raise forms.ValidationError(
                _("At most %(count)d photos.") % {"count": MAX_PHOTOS}
            )
        cleaned = []
        for upload in files:
            if upload.size > MAX_PHOTO_BYTES:
                raise forms.ValidationError(_("Each photo must be under 8 MB."))
            cleaned.append(super().clean(upload, initial))
        return cleaned


def photos_field(label):
    return PhotosField(
        label=label,
        required=False,
        help_text=_("Up to 6 photos (JPEG or PNG, under 8 MB each)."),
    )


class RequestForm(forms.Form):
    """A resident's request on the site."""

    category = forms.ModelChoiceField(
        label=_("What is it about?"),
        queryset=Category.objects.filter(is_active=True),
        empty_label=_("Choose a category"),
    )
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        empty_label=_("Choose a district"),
    )
    community = forms.CharField(
        label=_("Community or neighbourhood"), max_length=60, required=False
    )
    place = forms.CharField(
        label=_("Where exactly?"),
        max_length=120,
        help_text=_("A street and number, a landmark or a building."),
    )
    description = forms.CharField(
        label=_("What is the problem?"),
        max_length=2000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 2000}),
    )
    photos = photos_field(_("Photos"))
    contact_preference = forms.ChoiceField(
        label=_("How should the unit contact you?"),
        choices=Request.Contact.choices,
        initial=Request.Contact.SITE,
        widget=forms.RadioSelect,
    )
    is_public = forms.BooleanField(
        label=_("Show this request on the public board (without your name)"),
        required=False,
    )
    photos_public = forms.BooleanField(
        label=_("The public board may show my photos"), required=False
    )


class OperatorRequestForm(RequestForm):
    """A call entered by an operator for a caller (with or without an account)."""

    caller_name = forms.CharField(label=_("Caller's name"), max_length=50)
    caller_phone = forms.CharField(label=_("Caller's phone"), max_length=20)
    tier = forms.ChoiceField(
        label=_("Tier"),
        choices=[("", _("The category's default")), *Tier.choices],
        required=False,
    )

    field_order = ["caller_name", "caller_phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A caller is called back by phone unless they ask otherwise.
        self.fields["contact_preference"].initial = Request.Contact.PHONE


class RatingForm(forms.Form):
    grade = forms.ChoiceField(
        label=_("How satisfied are you with the answer?"),
        choices=Rating.Grade.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
    )


class LookupForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference number"),
        max_length=20,
        help_text=_("For example 12319-2026-000123."),
    )
    code = forms.CharField(
        label=_("Lookup code"),
        max_length=20,
        help_text=_("The code the operator read to you."),
    )

    def clean_reference(self):
        return self.cleaned_data["reference"].strip().upper()

    def clean_code(self):
        return self.cleaned_data["code"].strip()


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer and what was done"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 4000}),
    )
    photos = photos_field(_("Photos of the work"))


class ReassignForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("New handling unit"), queryset=Unit.objects.order_by("name")
    )
    reason = ReasonForm.base_fields["reason"]


class DecisionForm(forms.Form):
    """The dispatcher's decision on a send-back or an extension."""

    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve")), ("0", _("Refuse"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    unit = forms.ModelChoiceField(
        label=_("New handling unit (when approving a send-back)"),
        queryset=Unit.objects.order_by("name"),
        required=False,
    )
    reason = forms.CharField(label=_("Note"), max_length=1000, required=False)


class MergeForm(forms.Form):
    into = forms.CharField(label=_("Reference of the surviving request"), max_length=20)

    def clean_into(self):
        return self.cleaned_data["into"].strip().upper()


class FollowUpForm(RatingForm):
    """A rating recorded by an operator in a follow-up call (回访)."""
