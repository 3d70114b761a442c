"""Browsers report what the policy blocked to /csp-report/, which logs each violation in one line."""

import json
import logging

import pytest

pytestmark = pytest.mark.django_db

REPORT = {
    "csp-report": {
        "document-uri": "https://tusenet.example/en/",
        "violated-directive": "script-src-elem",
        "blocked-uri": "inline",
        "original-policy": "default-src 'self'",
    }
}


def test_every_policy_names_the_report_address(client, admin_client_logged_in):
    assert "report-uri /csp-report/" in client.get("/en/no-such-page/")["Content-Security-Policy"]
    assert "report-uri /csp-report/" in admin_client_logged_in.get("/admin/")["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (REPORT, "application/csp-report"),
        (
            [{"type": "csp-violation", "body": {"documentURL": "https://tusenet.example/en/", "blockedURL": "inline"}}],
            "application/reports+json",
        ),
    ],
)
def test_a_report_is_logged_in_one_line(client, caplog, body, content_type):
    with caplog.at_level(logging.WARNING, logger="tusenet.csp"):
        response = client.post("/csp-report/", json.dumps(body), content_type=content_type)
    assert response.status_code == 204
    assert [record.getMessage().startswith("CSP violation: ") for record in caplog.records] == [True]
    assert "inline" in caplog.records[0].getMessage()


def test_long_fields_are_cut_short_before_they_are_logged(client, caplog):
    report = {"csp-report": {"blocked-uri": "x" * 5000}}
    with caplog.at_level(logging.WARNING, logger="tusenet.csp"):
        client.post("/csp-report/", json.dumps(report), content_type="application/csp-report")
    assert len(caplog.records[0].getMessage()) < 300


@pytest.mark.parametrize("body", ["not json", "{}", "[1, 2]", '{"csp-report": "text"}'])
def test_anything_else_is_a_400_and_a_get_a_405(client, body):
    assert client.post("/csp-report/", body, content_type="application/json").status_code == 400
    assert client.get("/csp-report/").status_code == 405
