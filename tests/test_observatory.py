"""The public site earns the MDN HTTP Observatory's top grade, scored by the Observatory's own scanner.

The scanner (npm ``@mdn/mdn-http-observatory``, installed in tests/observatory/ by ``npm ci
--ignore-scripts``) fetches http://localhost/ and https://localhost/ on the standard ports, follows
the redirects and grades what it gets, so the production settings are served as a deploy serves
them, by gunicorn twice: HTTPS on port 443 with a certificate for localhost from a throwaway CA
(trustme) that Node is told to trust through NODE_EXTRA_CA_CERTS (an unverified certificate fails
the redirection and HSTS tests), and plain HTTP on port 80, where production's SECURE_SSL_REDIRECT
sends every request to https://localhost/, whose language choice leads to the English home page.

The site is the home page the migrations make, in a SQLite file of its own (bench/server.py's
``prepare`` without the content, which would add half a minute): every public page has the same
headers (middleware) and the same one script (templates/base.html), and the scanner reads only those,
the cookies and the redirects. The page cache stays off: tests/test_security_headers.py proves a
cache hit carries the same headers as a miss.
"""

import json
import os
import shutil
import socket
import subprocess
from contextlib import ExitStack

import pytest
import trustme

from bench import server

#: One xdist worker runs the whole module: its servers take the fixed ports 80 and 443.
pytestmark = [pytest.mark.observatory, pytest.mark.xdist_group("observatory")]

SCANNER = server.ROOT / "tests" / "observatory" / "node_modules" / "@mdn" / "mdn-http-observatory"
HOSTNAME = "localhost"
HTTPS_PORT, HTTP_PORT = 443, 80
TOP_GRADE = "A+"


def unavailable(reason):
    """Skip on a developer's machine, fail in CI (where the suite must prove the grade)."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def port_is_free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((server.HOST, port))
        except OSError:
            return False
    return True


@pytest.fixture(scope="module")
def scanner():
    """The scanner's command line, with the HSTS preload list its install script would download.

    ``npm ci --ignore-scripts`` skips the download of Chromium's HSTS preload list into
    conf/hsts-preload.json; localhost is not on that list, so an empty list grades this scan the same.
    """
    node = shutil.which("node")
    if node is None or not SCANNER.is_dir():
        unavailable("the Observatory scanner is not installed: npm ci --ignore-scripts --prefix tests/observatory")
    preload_list = SCANNER / "conf" / "hsts-preload.json"
    if not preload_list.exists():
        preload_list.write_text("{}")
    return [node, str(SCANNER / "src" / "scan.js")]


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    """A certificate for localhost (and 127.0.0.1, for the health check) from a CA made for this run."""
    folder = tmp_path_factory.mktemp("tls")
    authority = trustme.CA()
    certificate = authority.issue_cert(HOSTNAME, server.HOST)
    files = server.TLS(certfile=folder / "cert.pem", keyfile=folder / "key.pem", cafile=folder / "ca.pem")
    certificate.cert_chain_pems[0].write_to_path(files.certfile)
    certificate.private_key_pem.write_to_path(files.keyfile)
    authority.cert_pem.write_to_path(files.cafile)
    return files


@pytest.fixture(scope="module")
def production_site(tls, tmp_path_factory):
    """The site with the production settings: HTTPS on 443, plain HTTP (redirecting) on 80."""
    taken = [port for port in (HTTPS_PORT, HTTP_PORT) if not port_is_free(port)]
    if taken:
        unavailable(f"the scanner needs ports 443 and 80 on {server.HOST}; taken or not allowed: {taken}")
    database_url = f"sqlite:///{tmp_path_factory.mktemp('observatory') / 'db.sqlite3'}"
    server.prepare(HTTPS_PORT, database_url=database_url, content=False)
    with ExitStack() as servers:
        for port, tls_files in ((HTTPS_PORT, tls), (HTTP_PORT, None)):
            servers.enter_context(
                server.production_server(
                    port, redis=False, workers=1, database_url=database_url, ssl_redirect=True, tls=tls_files
                )
            )
        yield


@pytest.fixture(scope="module")
def report(scanner, tls, production_site):
    """The scanner's JSON report on localhost, printed as one line per test."""
    done = subprocess.run(
        [*scanner, HOSTNAME],
        env={**os.environ, "NODE_EXTRA_CA_CERTS": str(tls.cafile)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, f"scanner failed: {done.stdout[-2000:]} {done.stderr[-2000:]}"
    result = json.loads(done.stdout)
    scan = result["scan"]
    passed = f"{scan['testsPassed']}/{scan['testsQuantity']} tests passed"
    print(f"\nMDN HTTP Observatory: grade {scan['grade']}, score {scan['score']}, {passed}")
    print("  route: " + " -> ".join(result["tests"]["redirection"]["route"]))
    for name, test in result["tests"].items():
        verdict = "pass" if test["pass"] else "FAIL"
        print(f"  {name:<30} {verdict}  {test['scoreModifier']:+3d}  {test['result']}")
    return result


def test_the_public_site_earns_the_top_observatory_grade(report):
    """The real scanner grades the production site A+ (a score of 100 or more)."""
    scan = report["scan"]
    assert (scan["grade"], scan["statusCode"]) == (TOP_GRADE, 200), scan
    assert scan["score"] >= 100


def test_every_observatory_test_passes_without_a_penalty(report):
    """No test fails or costs points (a bonus elsewhere could otherwise hide a penalty in an A+)."""
    failing = {name: test["result"] for name, test in report["tests"].items() if not test["pass"]}
    penalties = {name: test["scoreModifier"] for name, test in report["tests"].items() if test["scoreModifier"] < 0}
    assert (failing, penalties) == ({}, {})
    assert report["tests"]["redirection"]["result"] == "redirection-to-https"
    assert report["tests"]["strict-transport-security"]["result"] == "hsts-implemented-max-age-at-least-six-months"
