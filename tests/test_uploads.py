"""Uploads: images and documents limited in size and type, documents served as downloads, renditions bounded.

Every upload goes through Wagtail's own admin views with files made here: a real PNG, an SVG
carrying a script, an executable and an HTML page under harmless names, oversized files.
"""

import io
import time

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, Storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import NoReverseMatch, reverse
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

Image = get_image_model()
Document = get_document_model()

SVG_WITH_SCRIPT = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>fetch('/admin/users/')</script><rect width='10' height='10'/></svg>"
)
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program"
HTML_PAGE = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png(width=4, height=3, mode="RGB"):
    buffer = io.BytesIO()
    PillowImage.new(mode, (width, height)).save(buffer, format="PNG")
    return buffer.getvalue()


def upload_image(client, name, content, content_type="image/png"):
    """Wagtail's "Add an image" form, as an editor submits it."""
    return client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, content, content_type), "collection": _root().pk},
    )


def upload_images_at_once(client, name, content, content_type="image/png"):
    """Wagtail's multiple uploader (drag and drop), which answers in JSON."""
    return client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content, content_type), "collection": _root().pk},
    )


def upload_document(client, name, content, content_type="application/octet-stream"):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, content, content_type), "collection": _root().pk},
    )


def upload_documents_at_once(client, name, content, content_type="application/octet-stream"):
    return client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content, content_type), "collection": _root().pk},
    )


def _root():
    return Collection.get_first_root_node()


def form_errors(response):
    return response.context["form"].errors["file"]


# Images: type


def test_a_real_png_is_accepted(admin_client_logged_in):
    """The baseline the refusals below are measured against: a real PNG becomes an image."""
    response = upload_image(admin_client_logged_in, "harbour.png", png())
    assert response.status_code == 302
    assert Image.objects.get().title == "harbour.png"


def test_svg_is_not_an_accepted_image_format(admin_client_logged_in):
    """An SVG (which can carry scripts) is refused by both uploaders; no image is stored."""
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    response = upload_image(admin_client_logged_in, "logo.svg", SVG_WITH_SCRIPT, "image/svg+xml")
    assert "Not a supported image format" in form_errors(response)[0]
    response = upload_images_at_once(admin_client_logged_in, "logo.svg", SVG_WITH_SCRIPT, "image/svg+xml")
    assert response.json()["success"] is False
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [("photo.png", EXECUTABLE), ("photo.jpg", HTML_PAGE), ("photo.png", SVG_WITH_SCRIPT), ("setup.exe", png())],
)
def test_files_that_are_not_images_are_refused_whatever_their_name(admin_client_logged_in, name, content):
    """The content must be an image of an allowed format matching its extension, not just be named like one."""
    response = upload_image(admin_client_logged_in, name, content)
    assert response.status_code == 200
    assert form_errors(response)
    assert not Image.objects.exists()


def image_bytes(image_format, size=(64, 48)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, (0, 90, 140)).save(buffer, format=image_format)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "image_format"), [("cut.png", "PNG"), ("cut.gif", "GIF"), ("cut.jpg", "JPEG")])
@pytest.mark.parametrize("upload", [upload_image, upload_images_at_once])
def test_a_truncated_image_gets_a_clear_answer(admin_client_logged_in, name, image_format, upload):
    """Only the start of a real image (an upload cut short): a field error, not a server error; nothing stored."""
    content = image_bytes(image_format)
    response = upload(admin_client_logged_in, name, content[: len(content) // 2], f"image/{image_format.lower()}")
    assert response.status_code == 200
    assert not Image.objects.exists()


# Images: size


def test_images_larger_than_the_upload_limit_are_refused(admin_client_logged_in):
    """WAGTAILIMAGES_MAX_UPLOAD_SIZE is enforced (shown with the limit set below a tiny PNG's size)."""
    content = png(40, 40)
    with override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=len(content) - 1):
        response = upload_image(admin_client_logged_in, "big.png", content)
        assert "This file is too big" in form_errors(response)[0]
        response = upload_images_at_once(admin_client_logged_in, "big.png", content)
        assert response.json()["success"] is False
    assert not Image.objects.exists()


def test_a_decompression_bomb_is_refused_under_the_real_limits(admin_client_logged_in):
    """A PNG of a few kilobytes that would decode to 48 million pixels is refused from its header."""
    bomb = png(8000, 6000, mode="1")
    assert len(bomb) < 10_000
    assert 8000 * 6000 > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    response = upload_image(admin_client_logged_in, "bomb.png", bomb)
    assert "too many pixels" in form_errors(response)[0]
    assert not Image.objects.exists()


# Documents: type and size


@pytest.mark.parametrize(
    "name",
    ["page.html", "page.htm", "drawing.svg", "setup.exe", "script.js", "macro.docm", "archive.zip", "noextension"],
)
def test_documents_outside_the_allow_list_are_refused(admin_client_logged_in, name):
    """Only the listed office formats, PDF, CSV and plain text are accepted, by both uploaders."""
    response = upload_document(admin_client_logged_in, name, HTML_PAGE)
    assert response.status_code == 200
    assert form_errors(response)
    response = upload_documents_at_once(admin_client_logged_in, name, HTML_PAGE)
    assert response.json()["success"] is False
    assert not Document.objects.exists()


def test_allowed_documents_are_accepted(admin_client_logged_in):
    """The baseline for the refusals: a PDF and a CSV are stored."""
    assert upload_document(admin_client_logged_in, "report.pdf", PDF).status_code == 302
    assert upload_documents_at_once(admin_client_logged_in, "members.csv", b"name\nKalmar\n").json()["success"]
    assert sorted(Document.objects.values_list("title", flat=True)) == ["members.csv", "report.pdf"]


def test_documents_larger_than_the_limit_are_refused(admin_client_logged_in):
    """WAGTAILDOCS_MAX_UPLOAD_SIZE is enforced by both uploaders (shown with the limit set to 100 bytes)."""
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    with override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=100):
        response = upload_document(admin_client_logged_in, "minutes.txt", b"x" * 101)
        assert "This file is too big" in form_errors(response)[0]
        response = upload_documents_at_once(admin_client_logged_in, "minutes.txt", b"x" * 101)
        assert response.json()["success"] is False
    assert not Document.objects.exists()


# Documents: how they are served


def stored_document(name, content):
    return Document.objects.create(title=name, file=ContentFile(content, name=name))


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("report.pdf", PDF, "application/pdf"),
        ("looks-harmless.txt", HTML_PAGE, "text/plain"),
        ("members.csv", b"name\nKalmar\n", "text/csv"),
    ],
)
def test_documents_are_served_as_downloads_that_cannot_run_scripts(client, name, content, content_type):
    """Every document is an attachment, typed by its extension, with nosniff and a CSP that forbids everything."""
    document = stored_document(name, content)
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == content_type
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(response.streaming_content) == content


class RemoteStorage(Storage):
    """Storage like S3's: files have a URL but no path on this machine (``Storage.path`` raises)."""

    def __init__(self):
        self.files = InMemoryStorage()

    def _save(self, name, content):
        return self.files.save(name, content)

    def _open(self, name, mode="rb"):
        return self.files.open(name, mode)

    def exists(self, name):
        return self.files.exists(name)

    def size(self, name):
        return self.files.size(name)

    def url(self, name):
        return self.files.url(name)


@override_settings(STORAGES={**settings.STORAGES, "default": {"BACKEND": "tests.test_uploads.RemoteStorage"}})
def test_documents_on_remote_storage_are_still_served_by_the_site(client):
    """Without a local path Wagtail would redirect to the bare file URL; the site streams it with its headers."""
    document = stored_document("remote.txt", HTML_PAGE)
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == HTML_PAGE


# Image filter specs


def test_visitors_cannot_ask_for_renditions_of_their_choice():
    """Wagtail's dynamic image serve view (any size in the address) is not routed, so its URLs are 404s."""
    with pytest.raises(NoReverseMatch):
        reverse("wagtailimages_serve", args=("signature", 1, "width-100000"))


def test_dynamic_image_addresses_and_the_url_generator_answer_404(admin_client_logged_in):
    """No dynamic image address, no generator of such addresses, and no images endpoint in the API."""
    image = Image.objects.create(title="harbour", file=ContentFile(png(), name="harbour.png"))
    for address in (
        f"/images/signature/{image.pk}/width-100000/",
        f"/en/images/signature/{image.pk}/width-100000/",
        reverse("wagtailimages:url_generator", args=(image.pk,)),
        f"/api/v2/images/{image.pk}/",
    ):
        assert admin_client_logged_in.get(address, follow=True).status_code == 404, address


#: Wagtail alone renders all of these (``fill-1x99999`` as an image 99 999 pixels tall).
HUGE_SPECS = ["width-100000", "height-100000", "max-99999x99999", "min-99999x99999", "fill-99999x99999", "fill-1x99999"]


@pytest.mark.parametrize("spec", HUGE_SPECS)
def test_the_admin_preview_refuses_huge_filter_specs_quickly(admin_client_logged_in, spec):
    """A preview address asking for more than MAX_PREVIEW_SIZE pixels answers 400 at once."""
    image = Image.objects.create(title="harbour", file=ContentFile(png(), name="harbour.png"))
    started = time.monotonic()
    response = admin_client_logged_in.get(reverse("wagtailimages:preview", args=(image.pk, spec)))
    assert response.status_code == 400
    assert time.monotonic() - started < 1


@pytest.mark.parametrize("spec", ["fill-0x0", "fill-0x100", "width-0", "max-0x0", "min-10x0"])
def test_the_admin_preview_answers_degenerate_specs_with_400(admin_client_logged_in, spec):
    """A size of zero gets a clear 400 (Wagtail alone divides by zero on ``fill-0x0``: a server error)."""
    image = Image.objects.create(title="harbour", file=ContentFile(png(), name="harbour.png"))
    response = admin_client_logged_in.get(reverse("wagtailimages:preview", args=(image.pk, spec)))
    assert response.status_code == 400


def test_the_admin_preview_still_renders_ordinary_specs(admin_client_logged_in):
    """The bound leaves the sizes the admin itself uses working."""
    image = Image.objects.create(title="harbour", file=ContentFile(png(800, 600), name="harbour.png"))
    response = admin_client_logged_in.get(reverse("wagtailimages:preview", args=(image.pk, "fill-165x165")))
    assert response.status_code == 200
    rendered = PillowImage.open(io.BytesIO(b"".join(response.streaming_content)))
    assert rendered.size == (165, 165)
