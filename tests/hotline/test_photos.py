"""Photos of requests and replies over HTTP: kept in the private storage and
handed out only through the view that checks access (404 for anyone else)."""

from django.core.files.storage import default_storage
from django.urls import reverse

import pytest

from tests.factories import UserFactory
from tests.hotline.factories import dispatcher, operator, photo


def _urls(request):
    reply = request.replies.get()
    return [
        reverse(
            "hotline:photo", kwargs={"kind": "request", "pk": request.photos.get().pk}
        ),
        reverse("hotline:photo", kwargs={"kind": "reply", "pk": reply.photos.get().pk}),
    ]


@pytest.fixture
def private_request(hotline):
    return hotline.replied(
        photos=[photo()], reply_photos=[photo()], is_public=False, photos_public=True
    )


def test_photos_are_not_in_the_public_media_storage(private_request):
    stored = private_request.photos.get().image
    assert not default_storage.exists(stored.name)
    assert stored.storage is not default_storage
    assert stored.storage.exists(stored.name)


@pytest.mark.parametrize("who", ["anonymous", "other resident", "other unit"])
def test_others_get_404(client, hotline, private_request, who):
    if who == "other resident":
        client.force_login(UserFactory())
    elif who == "other unit":
        client.force_login(hotline.water_handler)
    for url in _urls(private_request):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "who", ["resident", "unit", "operator", "dispatcher", "city staff"]
)
def test_entitled_people_get_the_image(client, hotline, private_request, who):
    user = {
        "resident": lambda: hotline.resident,
        "unit": lambda: hotline.bureau_handler,
        "operator": operator,
        "dispatcher": dispatcher,
        "city staff": lambda: UserFactory(is_staff=True, is_superuser=True),
    }[who]()
    client.force_login(user)
    for url in _urls(private_request):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("private")
        assert response["Content-Type"] == "image/jpeg"
        assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_the_resident_page_links_to_the_view_not_to_media(client, hotline):
    request = hotline.replied(photos=[photo()], reply_photos=[photo()])
    client.force_login(hotline.resident)
    page = client.get(reverse("hotline:request_detail", args=[request.reference]))
    for url in _urls(request):
        assert url in page.text
    assert "/media/" not in page.text
    # The old media address does not serve the file.
    name = request.photos.get().image.name
    assert client.get(f"/media/{name}").status_code == 404


def test_the_board_shows_photos_only_of_public_requests_agreed(client, hotline):
    shown = hotline.replied(
        photos=[photo()], reply_photos=[photo()], photos_public=True
    )
    hidden = hotline.replied(photos=[photo()], photos_public=False)
    page = client.get(reverse("hotline:board")).text
    for url in _urls(shown):
        assert url in page
        assert client.get(url).status_code == 200  # anyone, on the board
    hidden_url = reverse(
        "hotline:photo", kwargs={"kind": "request", "pk": hidden.photos.get().pk}
    )
    assert hidden_url not in page
    assert client.get(hidden_url).status_code == 404
