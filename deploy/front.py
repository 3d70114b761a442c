"""nginx in front of gunicorn (deploy/nginx.conf.template): render its configuration and run it.

Used by `make serve` and by tests/test_http_front.py. Needs Debian's nginx and its cache-purge module
(``apt-get install nginx-light libnginx-mod-http-cache-purge``); :func:`missing` says what is not there.
"""

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
MIME_TYPES = Path("/etc/nginx/mime.types")
INSTALL = "apt-get install -y nginx-light libnginx-mod-http-cache-purge"


def missing():
    """What is not installed for the front, in words; empty when nginx and its purge module are there."""
    needs = []
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        needs.append("nginx")
    if not PURGE_MODULE.exists():
        needs.append("nginx's cache-purge module")
    return needs


def nginx_binary():
    return shutil.which("nginx") or "/usr/sbin/nginx"


def render(run_dir, *, listen, server_names, upstream, static_root):
    """Write ``run_dir/nginx.conf`` for a front on ``listen`` (host:port) before gunicorn at ``upstream``."""
    run_dir = Path(run_dir)
    for folder in ("cache", "client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run_dir / folder).mkdir(parents=True, exist_ok=True)
    values = {
        "run": run_dir,
        "listen": listen,
        "server_names": " ".join(server_names),
        "upstream": upstream,
        "static_root": Path(static_root).resolve(),
        "purge_module": f"load_module {PURGE_MODULE};",
        "mime_types": MIME_TYPES,
        "error_pages": ROOT / "deploy" / "errors",
        # Started by root (CI, a container), nginx's workers would run as nobody, who cannot open run_dir.
        "user": "user root;" if os.geteuid() == 0 else "",
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    config = run_dir / "nginx.conf"
    config.write_text(text)
    return config


def start(config):
    """Start nginx with ``config`` in the foreground of a child process (stopped with ``stop``)."""
    command = [nginx_binary(), "-p", str(config.parent), "-c", str(config), "-g", "daemon off;"]
    return subprocess.Popen(command, start_new_session=True)


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve(port, workers):
    """`make serve`: gunicorn behind nginx on ``port``; gunicorn alone there when nginx is missing. Ctrl+C stops it."""
    import signal
    import socket
    import sys

    needs = missing()
    gunicorn = [str(Path(sys.executable).parent / "gunicorn"), "tusenet.wsgi", "--workers", str(workers)]
    gunicorn += ["--access-logfile", "-", "--forwarded-allow-ips", "127.0.0.1"]
    if needs:
        print(f"No HTTP cache in front: {' and '.join(needs)} not installed. To add it: {INSTALL}", flush=True)
        os.execv(gunicorn[0], [*gunicorn, "--bind", f"127.0.0.1:{port}"])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        django_port = probe.getsockname()[1]
    config = render(
        ROOT / ".run" / "nginx",
        listen=f"127.0.0.1:{port}",
        server_names=["127.0.0.1", "localhost"],
        upstream=f"127.0.0.1:{django_port}",
        static_root=ROOT / "staticfiles",
    )
    environment = {**os.environ, "FRONTEND_CACHE": f"http://127.0.0.1:{port}"}
    django = subprocess.Popen([*gunicorn, "--bind", f"127.0.0.1:{django_port}"], env=environment)
    nginx = start(config)
    print(f"nginx on http://127.0.0.1:{port}/ caches public pages in front of gunicorn ({config.parent})", flush=True)
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        signal.sigwait({signal.SIGINT, signal.SIGTERM})
    finally:
        stop(nginx)
        stop(django)


if __name__ == "__main__":
    import sys

    serve(int(sys.argv[1]), int(sys.argv[2]))
