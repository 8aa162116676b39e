"""Answering a consultation's survey: the form on the consultation page posts here,
and the resident is sent back to the page with a message."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from consultations.forms.surveys import SurveyForm
from consultations.models import ConsultationPage
from consultations.selectors.surveys import survey_draft_key
from consultations.services.surveys import survey_submit
from home.exceptions import ServiceError


def _back_to_survey(request, consultation: ConsultationPage):
    return redirect(f"{consultation.get_url(request)}#survey")


@login_required
@require_POST
def survey_submit_view(request, page_id):
    consultation = get_object_or_404(ConsultationPage.objects.live(), pk=page_id)
    questions = list(consultation.survey_questions.all())
    form = SurveyForm(request.POST, questions=questions)
    if not form.is_valid():
        # Kept for the page to show the answers again with each field's message.
        request.session[survey_draft_key(consultation)] = dict(request.POST.lists())
        messages.error(
            request, _("Your answers were not saved. Check the questions marked below.")
        )
        return _back_to_survey(request, consultation)
    try:
        survey_submit(
            user=request.user, consultation=consultation, answers=form.answers()
        )
    except (ServiceError, PermissionDenied) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you: your answers have been recorded."))
    return _back_to_survey(request, consultation)


urlpatterns = [
    path(
        "<int:page_id>/survey/",
        survey_submit_view,
        name="survey_submit",
    ),
]
