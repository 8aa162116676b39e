import pytest

from tests.hotline.factories import Setup


@pytest.fixture
def hotline(db):
    return Setup()
