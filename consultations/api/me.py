"""A resident's actions through the API: comment on a consultation, support
(附议) a comment, follow and unfollow a consultation, and list what I follow.
The same services and rate limits as the page's forms
(consultations/models/page_routes.py, consultations/reactions.py); only live
pages the caller could see on the site."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from consultations.models import Comment, ConsultationFollow, ConsultationPage
from consultations.services import comments as comment_services
from consultations.services import following
from home.api_tokens.endpoints import PersonalEndpoint
from home.limits import enforce
from home.privacy import page_viewable_by_user

TAGS = ["me: resident"]


class CommentCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=5000)
    clause = serializers.CharField(max_length=50, required=False, allow_blank=True)
    show_masked_name = serializers.BooleanField(required=False, default=False)


class MyCommentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    consultation_id = serializers.IntegerField(allow_null=True)
    clause_id = serializers.CharField(allow_blank=True)
    body = serializers.CharField()
    status = serializers.ChoiceField(choices=Comment.Status.choices)
    support_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class SupportSerializer(serializers.Serializer):
    comment = serializers.IntegerField()
    support_count = serializers.IntegerField()


class FollowSerializer(serializers.Serializer):
    consultation_id = serializers.IntegerField()
    following = serializers.BooleanField()


def _visible(page, user):
    """The live page if ``user`` may see it on the site, else a 404."""
    if page is None or not page.live or not page_viewable_by_user(page, user):
        raise Http404
    return page


def _consultation(request, consultation_id) -> ConsultationPage:
    return _visible(
        ConsultationPage.objects.live().filter(pk=consultation_id).first(),
        request.user,
    )


class CommentCreate(PersonalEndpoint):
    @extend_schema(
        tags=TAGS,
        request=CommentCreateSerializer,
        responses={201: MyCommentSerializer},
    )
    def post(self, request, consultation_id):
        """Comment on an open consultation, on the whole text or one clause.
        Published at once, or held for a moderator (``status``)."""
        consultation = _consultation(request, consultation_id)
        body = CommentCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        comment = comment_services.comment_create(
            user=request.user,
            consultation=consultation,
            body=body.validated_data["body"],
            clause_id=body.validated_data.get("clause", ""),
            show_masked_name=body.validated_data["show_masked_name"],
        )
        return Response(
            MyCommentSerializer(comment).data, status=status.HTTP_201_CREATED
        )


class CommentSupport(PersonalEndpoint):
    @extend_schema(tags=TAGS, request=None, responses={201: SupportSerializer})
    def post(self, request, comment_id):
        """Support (附议) someone else's published comment, once."""
        comment = get_object_or_404(
            Comment.objects.select_related("consultation", "pledge"),
            pk=comment_id,
            status=Comment.Status.PUBLISHED,
        )
        _visible(comment.target, request.user)
        enforce("comment_support", request=request)
        comment_services.comment_support(user=request.user, comment=comment)
        comment.refresh_from_db(fields=["support_count"])
        return Response(
            {"comment": comment.pk, "support_count": comment.support_count},
            status=status.HTTP_201_CREATED,
        )


class Follow(PersonalEndpoint):
    @extend_schema(tags=TAGS, request=None, responses={200: FollowSerializer})
    def post(self, request, consultation_id):
        """Follow a consultation: a notice when its results are published."""
        consultation = _consultation(request, consultation_id)
        following.consultation_follow(user=request.user, consultation=consultation)
        return Response({"consultation_id": consultation.pk, "following": True})

    @extend_schema(tags=TAGS, request=None, responses={200: FollowSerializer})
    def delete(self, request, consultation_id):
        """Stop following a consultation."""
        consultation = _consultation(request, consultation_id)
        following.consultation_unfollow(user=request.user, consultation=consultation)
        return Response({"consultation_id": consultation.pk, "following": False})


class MyFollows(PersonalEndpoint):
    @extend_schema(tags=TAGS, responses={200: FollowSerializer(many=True)})
    def get(self, request):
        """The consultations I follow."""
        ids = ConsultationFollow.objects.filter(user=request.user).values_list(
            "consultation_id", flat=True
        )
        return Response(
            [{"consultation_id": pk, "following": True} for pk in ids.order_by("pk")]
        )
