"""Photos of requests and replies, handed out by a view that checks access:
they live in the private storage (no public URL). Anyone not entitled gets
404, so that a photo's existence is not revealed."""

from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from .. import selectors_pages as pages
from .operators import may_dispatch, may_operate


def may_see_photos(*, user, request) -> bool:
    """Everyone when the request is on the public board and its resident
    agreed; otherwise the resident, the handling unit's staff, operators,
    dispatchers and city staff (not followers, nor a caller by lookup code)."""
    if (
        request.is_public
        and request.photos_public
        and request.status != request.Status.MERGED
    ):
        return True
    if not user.is_authenticated:
        return False
    if request.resident_id == user.pk:
        return True
    return (
        pages.can_work_on(user=user, request=request)
        or may_operate(user)
        or may_dispatch(user)
    )


@require_GET
def photo(request, kind, pk):
    found = pages.photo_with_request(kind=kind, pk=pk)
    if found is None or not may_see_photos(user=request.user, request=found[1]):
        raise Http404
    image = found[0].image
    try:
        handle = image.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response
