"""The base of every public (anonymous, read-only) endpoint of the API."""

from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from rest_framework import exceptions, generics
from rest_framework.permissions import AllowAny

from home.api import caching


class PublicCachedMixin:
    """AllowAny, GET only, answers served from the shared cache under the data
    version, with ETag, Last-Modified and Cache-Control public. Throttles and the
    rest of DRF's checks run before the cache is read (``initial``)."""

    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        token, changed_at = caching.data_version()
        key = caching.answer_key(
            version=token,
            language=translation.get_language() or "",
            path=request.get_full_path(),
        )
        cached = caching.cache.get(key)
        if cached is None:
            response = self.answer(request, *args, **kwargs)
            if response.status_code != 200:
                return response
            # Rendered here (not later by DRF) so that the body can be kept.
            response.accepted_renderer = request.accepted_renderer
            response.accepted_media_type = request.accepted_media_type
            response.renderer_context = self.get_renderer_context()
            response.render()
            cached = (response.content, response["Content-Type"])
            caching.cache.set(key, cached, caching.cache_seconds())
        content, content_type = cached
        etag = caching.etag_of(content)
        answer = get_conditional_response(
            request, etag=etag, last_modified=int(changed_at)
        )
        if answer is None:
            answer = HttpResponse(content, content_type=content_type)
        answer["ETag"] = etag
        answer["Last-Modified"] = http_date(changed_at)
        patch_cache_control(answer, public=True, max_age=caching.cache_seconds())
        return answer

    def answer(self, request, *args, **kwargs):
        """The answer to render and cache (a DRF Response)."""
        raise NotImplementedError


class PublicListView(PublicCachedMixin, generics.ListAPIView):
    def answer(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)


class PublicDetailView(PublicCachedMixin, generics.RetrieveAPIView):
    def answer(self, request, *args, **kwargs):
        return self.retrieve(request, *args, **kwargs)


class PublicView(PublicCachedMixin, generics.GenericAPIView):
    """An answer that is not a model list or detail (figures, tables): the
    subclass's ``answer`` builds it from selectors; no pagination."""

    pagination_class = None


class NotFound(generics.GenericAPIView):
    """Any other address under /api/v1/: a JSON 404, not the site's HTML page."""

    permission_classes = [AllowAny]
    schema = None  # not an operation of the API

    def get(self, request, *args, **kwargs):
        raise exceptions.NotFound

    post = put = patch = delete = get
