"""Signal receivers of the consultations app: a comment or an official reply
saved or deleted forgets the consultation's stored results figures
(consultations/services/results_figures.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from consultations.models import Comment, ConsultationResultsFigures, OfficialReply
from consultations.services.results_figures import results_figures_forget


@receiver(post_save, sender=Comment, dispatch_uid="results_figures_comment_saved")
@receiver(post_delete, sender=Comment, dispatch_uid="results_figures_comment_deleted")
def results_figures_on_comment(sender, instance, raw=False, **kwargs):
    if not raw:
        results_figures_forget(consultation_id=instance.consultation_id)


@receiver(post_save, sender=OfficialReply, dispatch_uid="results_figures_reply_saved")
@receiver(
    post_delete, sender=OfficialReply, dispatch_uid="results_figures_reply_deleted"
)
def results_figures_on_reply(sender, instance, raw=False, **kwargs):
    if not raw:
        # One DELETE joined to the comment (no query for its consultation).
        ConsultationResultsFigures.objects.filter(
            consultation__comments__pk=instance.comment_id
        ).delete()
