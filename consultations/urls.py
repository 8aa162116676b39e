"""Front-end URLs of consultations; each views module contributes its own patterns."""

from consultations.views import (
    answer_rates,
    detail,
    evaluations,
    exports,
    following,
    pledge_feedback,
    responders,
    surveys,
)

app_name = "consultations"

urlpatterns = [
    *detail.urlpatterns,
    *responders.urlpatterns,
    *exports.urlpatterns,
    *following.urlpatterns,
    *surveys.urlpatterns,
    *evaluations.urlpatterns,
    *answer_rates.urlpatterns,
    *pledge_feedback.urlpatterns,
]
