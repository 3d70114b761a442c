"""`/` sends visitors to their language: the switcher's cookie first, then Accept-Language."""

import pytest

pytestmark = pytest.mark.django_db

ACCEPT_LANGUAGE_CASES = [
    ("tr-TR,tr;q=0.9", "tr"),
    ("sv-SE", "sv"),
    ("de", "en"),
    ("", "en"),
    ("en-US,en;q=0.9", "en"),
    ("de-DE,de;q=0.9,sv;q=0.8,en;q=0.7", "sv"),
    ("fr;q=0.9, tr;q=0.95", "tr"),
    ("ZH-Hant, SV", "sv"),
    ("*", "en"),
    ("tr;q=abc", "en"),
    ("sv;q=1.5", "en"),
    (";;;,,,=", "en"),
    ("ü;q=0.5, tr", "en"),  # malformed as a whole: the default, never an error
    ("x" * 2000, "en"),
]


@pytest.mark.parametrize(("header", "language"), ACCEPT_LANGUAGE_CASES)
def test_root_follows_accept_language_with_q_values(client, header, language):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/"


def test_cookie_from_the_switcher_overrides_the_header(client):
    client.cookies["django_language"] = "sv"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="tr-TR,tr;q=0.9")
    assert response["Location"] == "/sv/"


def test_unusable_cookie_is_ignored(client):
    client.cookies["django_language"] = "xx<script>"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="tr")
    assert response["Location"] == "/tr/"


def test_root_redirect_is_never_cached_across_languages(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="tr")
    vary = {value.strip().lower() for value in response["Vary"].split(",")}
    assert {"accept-language", "cookie"} <= vary
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_root_answers_head_and_refuses_post(client):
    assert client.head("/", HTTP_ACCEPT_LANGUAGE="sv").status_code == 302
    assert client.post("/").status_code == 405
