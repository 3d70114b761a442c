"""Bodies larger than an address accepts are refused before Django reads them: nothing is written to disk."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler

from tusenet.ops.request_size import ADMIN_LIMIT, PUBLIC_LIMIT

pytestmark = pytest.mark.django_db


@pytest.fixture
def files_written(monkeypatch):
    """Every upload Django starts writing to the temporary folder."""
    started = []
    original = TemporaryFileUploadHandler.new_file

    def new_file(handler, *args, **kwargs):
        started.append(args)
        return original(handler, *args, **kwargs)

    monkeypatch.setattr(TemporaryFileUploadHandler, "new_file", new_file)
    return started


def multipart(size, field="file"):
    """A form with a file of ``size`` bytes, sent as a browser would (multipart)."""
    return {"username": "x", field: SimpleUploadedFile("big.bin", b"\0" * size)}


@pytest.mark.parametrize("path", ["/admin/login/", "/en/", "/tr/", "/en/search/", "/_util/login/"])
def test_a_large_body_to_a_public_or_sign_in_address_is_refused_unread(client, files_written, path):
    response = client.post(path, multipart(20 * 1024 * 1024))
    assert response.status_code == 413
    assert files_written == []


def test_the_refusal_is_in_the_language_of_the_address(client):
    response = client.post("/tr/", multipart(PUBLIC_LIMIT + 1))
    assert response.status_code == 413 and "adres" in response.content.decode()


def test_the_admin_still_takes_uploads_up_to_its_limit(admin_client_logged_in):
    response = admin_client_logged_in.post("/admin/images/multiple/add/", multipart(PUBLIC_LIMIT * 4, "files[]"))
    assert response.status_code != 413
    too_big = admin_client_logged_in.post("/admin/images/multiple/add/", multipart(ADMIN_LIMIT + 1, "files[]"))
    assert too_big.status_code == 413
