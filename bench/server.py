"""The production server for `make bench` and `make lighthouse`: database, static files, gunicorn.

Everything runs on 127.0.0.1: PostgreSQL database ``tusenet_bench`` (migrated and loaded with
``manage.py load_tusenet``, idempotent), Redis database 2 for the fragments, gunicorn with the
production settings on a free port.
"""

import fcntl
import hashlib
import json
import os
import secrets
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from deploy import front as nginx  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
HOST = "127.0.0.1"
DATABASE_NAME = "tusenet_bench"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE_NAME}"
REDIS_URL = "redis://127.0.0.1:6379/2"
# One secret key per run: the benchmark needs no sessions that outlive it.
SECRET_KEY = secrets.token_urlsafe(50)


def publish(text, output):
    """Print a finished report and write it to ``output`` (a Path)."""
    print("\n" + text)
    output.write_text(text)
    log(f"Written to {output}")


def log(message):
    print(f"==> {message}", flush=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class TLS(NamedTuple):
    """The files for serving HTTPS: certificate (for 127.0.0.1) and key, and the CA file that trusts it."""

    certfile: Path
    keyfile: Path
    cafile: Path


def base_url(port, scheme="http"):
    return f"{scheme}://{HOST}:{port}"


def production_env(port, *, redis=False, database_url=DATABASE_URL, redis_url=REDIS_URL, ssl_redirect=False):
    """The environment of `make serve`, on the given port and database (the bench's by default).

    Plain-HTTP requests are redirected to HTTPS only with ``ssl_redirect`` (the bench serves plain HTTP).
    """
    env = dict(os.environ)
    for name in ("REDIS_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="tusenet.settings.production",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS=f"{HOST},localhost",
        SECURE_SSL_REDIRECT="true" if ssl_redirect else "false",
        DATABASE_URL=database_url,
        WAGTAILADMIN_BASE_URL=base_url(port),
        PYTHONUNBUFFERED="1",
    )
    if redis:
        env["REDIS_URL"] = redis_url
    return env


def run(args, env=None, quiet=False):
    """Run a command from the project directory; stop the whole run if it fails."""
    result = subprocess.run(
        [str(arg) for arg in args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE if quiet else None,
        stderr=subprocess.STDOUT if quiet else None,
        text=True,
    )
    if result.returncode != 0:
        if quiet:
            sys.stdout.write(result.stdout)
        sys.exit(f"command failed ({result.returncode}): {' '.join(str(arg) for arg in args)}")
    return result


def ensure_database(database_url=DATABASE_URL):
    """Create the database of ``database_url`` when missing (through Django's PostgreSQL driver, no psql needed)."""
    import psycopg  # the venv's, which runs the bench
    from psycopg import sql

    name = urlsplit(database_url).path.lstrip("/")
    admin_url = urlsplit(database_url)._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def prepare(port, database_url=DATABASE_URL, *, content=True):
    """Database (created, migrated, loaded) and static files, ready for the server on ``port``.

    A PostgreSQL database is created when missing; a SQLite file (``sqlite:///path``) creates itself.
    Without ``content`` the site is only the home page its migrations make.
    """
    env = production_env(port, database_url=database_url)
    # Static files need no database: they are collected (compressed, hashed names) meanwhile.
    log("Collecting static files (compressed, hashed names) in the background")
    with ThreadPoolExecutor(max_workers=1) as background:
        collected = background.submit(collect_static, env)
        name = urlsplit(database_url).path.lstrip("/")
        if urlsplit(database_url).scheme == "sqlite":
            log(f"SQLite database {name}; migrating")
        else:
            log(f"PostgreSQL database {name}: {'created' if ensure_database(database_url) else 'exists'}; migrating")
        run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], env=env)
        if content:
            log("Loading the Tusenet content (idempotent; the site address is the bench server's)")
            run([PYTHON, "manage.py", "load_tusenet"], env=env, quiet=True)
        collected.result()


@contextmanager
def static_files_lock():
    """Held while a process writes the checkout's one ``staticfiles`` folder.

    Tests on two xdist workers collect static files at once (the nginx front, the Observatory, the
    production settings' static test); two collectstatic runs in one folder delete and compress each
    other's files (seen in CI).
    """
    checkout = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
    with open(Path(tempfile.gettempdir()) / f"tusenet-collectstatic-{checkout}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def collect_static(env):
    """``collectstatic`` (compressed, hashed names), one process at a time."""
    with static_files_lock():
        run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v", "0"], env, True)


def flush_redis(redis_url=REDIS_URL):
    """Empty the Redis database of ``redis_url`` (the bench's fragments) through the redis client of the venv."""
    code = f"import redis; redis.Redis.from_url({redis_url!r}).flushdb()"
    run([PYTHON, "-c", code], quiet=True)


def static_path(name):
    """The hashed address of a static file, from the manifest collectstatic wrote."""
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][name]


def fetch(url, headers=None, timeout=30, context=None):
    """GET ``url`` (HTTPS verified with the ``ssl.SSLContext`` given, if any); returns (status, headers, body)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity", **(headers or {})})
    try:
        # Only the 127.0.0.1 addresses of base_url() come here.
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:  # nosec B310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_healthy(url, process, timeout=60, context=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {process.returncode}")
        try:
            status, _headers, body = fetch(url + "/healthz", timeout=5, context=context)
            if status == 200:
                return json.loads(body)
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{url}/healthz did not answer 200 within {timeout} s")


@contextmanager
def production_server(
    port,
    *,
    redis=True,
    workers=2,
    database_url=DATABASE_URL,
    redis_url=REDIS_URL,
    ssl_redirect=False,
    tls=None,
    environment=None,
):
    """gunicorn with the production settings on 127.0.0.1:port, stopped (SIGTERM, then SIGKILL) on exit.

    Redis (flushed first) keeps the fragments (menus, lists) when ``redis`` is true, as in production.
    With ``tls`` (a ``TLS``) it serves HTTPS; ``ssl_redirect`` sends plain-HTTP requests to HTTPS.
    """
    env = production_env(
        port,
        redis=redis,
        database_url=database_url,
        redis_url=redis_url,
        ssl_redirect=ssl_redirect,
    )
    env["WEB_CONCURRENCY"] = str(workers)
    env.update(environment or {})
    if redis:
        flush_redis(redis_url)
    tls_args = ["--certfile", tls.certfile, "--keyfile", tls.keyfile] if tls else []
    client_context = ssl.create_default_context(cafile=tls.cafile) if tls else None
    log_file = tempfile.NamedTemporaryFile(prefix="tusenet-bench-gunicorn-", suffix=".log", delete=False)
    process = subprocess.Popen(
        [GUNICORN, "tusenet.wsgi", "--workers", str(workers), "--bind", f"{HOST}:{port}", *tls_args]
        + ["--forwarded-allow-ips", HOST, "--error-logfile", "-", "--config", BENCH_DIR / "gunicorn_conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = base_url(port, "https" if tls else "http")
    mode = f"Redis {redis_url}" if redis else "no Redis"
    try:
        health = wait_healthy(url, process, context=client_context)
        log(f"gunicorn (pid {process.pid}, {workers} workers, {mode}) on {url}/: healthz {health}")
        yield url
    except BaseException:
        log_file.flush()
        print(Path(log_file.name).read_text()[-3000:], file=sys.stderr)
        raise
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=35)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log(f"gunicorn stopped (exit code {process.returncode})")
        log_file.close()
        os.unlink(log_file.name)


def probe(port, command, *args, redis=False):
    """Run bench/probe.py (Django in-process, production settings) and return its JSON answer."""
    env = production_env(port, redis=redis)
    args = [str(PYTHON), str(BENCH_DIR / "probe.py"), command, *args]
    result = subprocess.run(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"probe failed ({result.returncode}): {' '.join(args)}\n{result.stdout}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def markdown_table(header, rows, right_aligned=()):
    """A markdown table padded to line up in a terminal too."""
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]

    def line(cells):
        padded = [
            cell.rjust(width) if i in right_aligned else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join("-" * (w + 1) + ":" if i in right_aligned else "-" * (w + 2) for i, w in enumerate(widths))
    return "\n".join([line(header), rule + "|", *(line(cells) for cells in rows)])


@contextmanager
def nginx_front(front_port, django_port):
    """nginx (deploy/front.py), the HTTP cache of `make serve`, on ``front_port`` before gunicorn on ``django_port``."""
    needs = nginx.missing()
    if needs:
        sys.exit(f"{', '.join(needs)} not installed: {nginx.INSTALL}")
    with tempfile.TemporaryDirectory(prefix="tusenet-bench-nginx-") as run_dir:
        config = nginx.render(
            run_dir,
            listen=f"{HOST}:{front_port}",
            server_names=[HOST, "localhost"],
            upstream=f"{HOST}:{django_port}",
            static_root=ROOT / "staticfiles",
        )
        process = nginx.start(config)
        try:
            url = base_url(front_port)
            wait_healthy(url, process)
            yield url
        finally:
            nginx.stop(process)
