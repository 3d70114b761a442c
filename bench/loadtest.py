"""`make loadtest`: the production server under load and under faults, on 127.0.0.1, bounded in time.

The load test runs its own PostgreSQL server (initdb in a temporary folder) and its own Redis, each
on a free port of 127.0.0.1, so that restarting or stopping them disturbs nothing else on the
machine. It loads the Tusenet content into database ``tusenet_loadtest`` and starts gunicorn with the
production settings behind nginx, the HTTP cache of `make serve` (bench/server.py, deploy/front.py).
wrk with bench/loadtest.lua requests a mix of addresses in English, Turkish and Swedish, each in turn:
every page of the sitemap (home pages, indexes, network, municipality, association, module, post and
other pages), searches, the feeds and the open data.

1. steady: 60 s at 32 connections (fragments in Redis): no error and no 5xx allowed.
2. Redis stopped in the middle of the load, then started again: the pages must keep coming, from the
   HTTP cache or rendered from the database: no error and no 5xx allowed.
3. PostgreSQL restarted in the middle of the load (searches, feeds and open data read it on every
   request): the errors while it restarts are counted; the same gunicorn processes then answer again
   by themselves (connections are checked before reuse, CONN_HEALTH_CHECKS): no error allowed from
   one second after PostgreSQL is back.
4. One gunicorn worker killed with SIGKILL in the middle of the load: the master starts another; no
   failed request (the front's 502 included) beyond the connections the killed worker held.
5. Slow clients: 50 connections send a request's headers one line every 4 s (reconnecting whenever
   the front closes them) for 60 s, while /healthz (always Django) and /en/ are asked for one after
   the other: every answer 200, the 99th percentile within 1 s. gunicorn's sync workers would each be
   held by one such client; the front buffers whole requests before passing them on.

Prints a table of the phases and a timeline of each fault phase, writes bench/loadtest.md, and exits
with status 1 when a requirement is not met.
"""

import argparse
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import server  # noqa: E402

import bench  # noqa: E402

LUA_SCRIPT = server.BENCH_DIR / "loadtest.lua"
DATABASE_NAME = "tusenet_loadtest"
LANGUAGES = ["en", "tr", "sv"]
SEARCH_QUERIES = ["kalmar", "istanbul"]
#: The search in English; its language switcher gives the translated addresses (/tr/ara/...).
ENGLISH_SEARCH = "/en/search/"
OPEN_DATA = [
    "/data/v1/networks.json",
    "/data/v1/municipalities.json",
    "/data/v1/municipalities.csv",
    "/data/v1/partners.geojson",
]
WRK_TIMEOUT_SECONDS = 10
#: Errors are allowed in a PostgreSQL restart's window: from the restart until this long after it is back.
RECOVERY_GRACE_SECONDS = 1.0
#: How long the master may take to replace a killed worker.
RESPAWN_SECONDS = 60
SOCKET_ERRORS = ("connect", "read", "write", "timeout")
#: The slow clients' pace, and how fast the site must answer meanwhile.
SLOW_HEADER_INTERVAL = 4.0
SLOW_CLIENT_P99_MS = 1000


@dataclass
class LoadResult:
    """What one wrk run counted (bench/loadtest.lua prints it)."""

    started: float
    requests: int = 0
    seconds: float = 0.0
    errors: Counter = field(default_factory=Counter)
    latency_ms: dict = field(default_factory=dict)
    statuses: Counter = field(default_factory=Counter)
    timeline: dict = field(default_factory=dict)  # epoch second -> Counter of "2xx", "5xx", "cache hit"...

    @property
    def server_errors(self):
        return sum(count for status, count in self.statuses.items() if status >= 500)

    @property
    def failed(self):
        """Requests without a 2xx or 3xx answer: socket errors, timeouts and error statuses."""
        return sum(self.errors[kind] for kind in SOCKET_ERRORS) + self.errors["status"]

    def failed_in(self, first_second, last_second):
        """Error statuses answered in these clock seconds (socket errors are only counted per run)."""
        return sum(
            counts[kind]
            for second, counts in self.timeline.items()
            if first_second <= second <= last_second
            for kind in ("4xx", "5xx")
        )

    def answered_in(self, first_second, last_second):
        return sum(
            counts["2xx"] + counts["3xx"]
            for second, counts in self.timeline.items()
            if first_second <= second <= last_second
        )


def parse_lua_output(output, started):
    result = LoadResult(started=started)
    for line in output.splitlines():
        fields = line.split("\t")
        if fields[0] != "loadtest":
            continue
        kind, *values = fields[1:]
        if kind == "total" and values[0] == "requests":
            result.requests = int(float(values[1]))
        elif kind == "total" and values[0] == "duration_us":
            result.seconds = float(values[1]) / 1e6
        elif kind == "errors":
            result.errors[values[0]] = int(float(values[1]))
        elif kind == "latency_us":
            result.latency_ms[values[0]] = float(values[1]) / 1000
        elif kind == "status":
            result.statuses[int(float(values[0]))] += int(float(values[1]))
        elif kind == "second":
            second = int(float(values[0]))
            result.timeline.setdefault(second, Counter())[values[1]] += int(float(values[2]))
    if not result.requests and not result.failed:
        raise RuntimeError(f"no figures from wrk:\n{output}")
    return result


class Load:
    """wrk running in the background for ``seconds`` over the addresses in ``addresses_file``.

    A context manager: wrk is killed on the way out if it still runs (after an error).
    """

    def __init__(self, base, addresses_file, seconds, args):
        self.seconds = seconds
        command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s"]
        command += ["--timeout", f"{WRK_TIMEOUT_SECONDS}s", "-H", "Accept-Encoding: gzip", "-s", str(LUA_SCRIPT)]
        command += [base, "--", str(addresses_file)]
        self.started = time.time()
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def wait_until(self, offset):
        """Sleep until ``offset`` seconds after the load started."""
        time.sleep(max(0.0, self.started + offset - time.time()))

    def finish(self):
        output, errors = self.process.communicate(timeout=self.seconds + 60)
        if self.process.returncode != 0:
            raise RuntimeError(f"wrk failed ({self.process.returncode}): {errors or output}")
        return parse_lua_output(output, self.started)


def as_postgres_user():
    """PostgreSQL refuses to run as root: as root, its programs run as the ``postgres`` user."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def postgres_programs():
    """The folder of PostgreSQL's server programs (Debian keeps them out of PATH), newest version first."""
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name), reverse=True):
        if (folder / "initdb").exists():
            return folder
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    sys.exit("PostgreSQL's server programs (initdb, pg_ctl) are missing: apt-get install -y postgresql")


class PostgresServer:
    """A PostgreSQL server of the load test's own, in a temporary folder, on a free port of 127.0.0.1."""

    def __init__(self):
        self.programs = postgres_programs()
        self.port = server.free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="tusenet-loadtest-postgres-"))
        self.data = self.folder / "data"
        self.log_file = self.folder / "postgres.log"

    def url(self, database):
        return f"postgres://postgres@{server.HOST}:{self.port}/{database}"

    def _pg(self, program, *args, timeout=60):
        command = [*as_postgres_user(), str(self.programs / program), *(str(arg) for arg in args)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:
            log = self.log_file.read_text()[-2000:] if self.log_file.exists() else ""
            raise RuntimeError(f"{program} failed: {result.stderr or result.stdout}\n{log}")

    def start(self):
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._pg("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        options = f"-p {self.port} -c listen_addresses={server.HOST} -c unix_socket_directories={self.folder}"
        self._pg("pg_ctl", "start", "-D", self.data, "-l", self.log_file, "-w", "-t", "60", "-o", options)
        server.log(f"PostgreSQL {self.programs.parent.name} of the load test on {server.HOST}:{self.port}")

    def restart(self):
        """Stop (fast: open connections are closed) and start again; returns once it accepts connections."""
        self._pg("pg_ctl", "restart", "-D", self.data, "-l", self.log_file, "-m", "fast", "-w", "-t", "60")

    def stop(self):
        """Stop the server (immediately if a fast stop fails) and delete its folder."""
        try:
            if (self.data / "postmaster.pid").exists():
                try:
                    self._pg("pg_ctl", "stop", "-D", self.data, "-m", "fast", "-w", "-t", "30")
                except (RuntimeError, subprocess.TimeoutExpired):
                    self._pg("pg_ctl", "stop", "-D", self.data, "-m", "immediate", "-w", "-t", "30")
            server.log("PostgreSQL of the load test stopped")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


class RedisServer:
    """A Redis of the load test's own (nothing saved to disk), on a free port of 127.0.0.1."""

    def __init__(self):
        if not shutil.which("redis-server"):
            sys.exit("redis-server is missing: apt-get install -y redis-server")
        self.port = server.free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="tusenet-loadtest-redis-"))
        self.process = None

    @property
    def url(self):
        return f"redis://{server.HOST}:{self.port}/0"

    def start(self, timeout=15):
        command = ["redis-server", "--bind", server.HOST, "--port", str(self.port), "--save", "", "--appendonly", "no"]
        command += ["--dir", str(self.folder), "--logfile", str(self.folder / "redis.log")]
        self.process = subprocess.Popen(command, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((server.HOST, self.port), timeout=1) as connection:
                    connection.sendall(b"PING\r\n")
                    if connection.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not answer on port {self.port} within {timeout} s")

    def stop(self):
        """SIGTERM: Redis shuts down (nothing to save), and its port refuses connections."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def remove(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


class PageLinks(HTMLParser):
    """The feeds a page links to, and the addresses of the same page in each language (its language switcher)."""

    def __init__(self):
        super().__init__()
        self.feeds = []
        self.versions = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "alternate" and (attrs.get("type") or "").endswith("+xml"):
            self.feeds.append(attrs["href"])
        if tag == "a" and attrs.get("data-language-choice"):
            self.versions[attrs["data-language-choice"]] = attrs["href"]


def page_links(base, path):
    status, _headers, body = server.fetch(base + path)
    if status != 200:
        raise RuntimeError(f"{path} answered {status}")
    links = PageLinks()
    links.feed(body.decode())
    return links


def discover_addresses(base):
    """{kind: [paths]}: the sitemap's pages, a few searches and the feeds in each language, the open data."""
    status, _headers, body = server.fetch(base + "/sitemap.xml")
    if status != 200:
        raise RuntimeError(f"/sitemap.xml answered {status}")
    pages = [urlsplit(location).path for location in re.findall(r"<loc>([^<]+)</loc>", body.decode())]
    addresses = {"pages": pages, "searches": [], "feeds": [], "open data": list(OPEN_DATA)}
    search_pages = page_links(base, ENGLISH_SEARCH).versions  # the search's translated addresses
    for language in LANGUAGES:
        search = search_pages.get(language)
        feeds = page_links(base, f"/{language}/").feeds
        if not search or not feeds:
            raise RuntimeError(f"no search address or no feeds found for {language}")
        addresses["searches"] += [f"{search}?q={quote(query)}" for query in SEARCH_QUERIES]
        addresses["feeds"] += feeds
    return addresses


def describe_mix(addresses):
    languages = Counter(path.split("/")[1] for path in addresses["pages"])
    per_language = ", ".join(f"{languages[language]} {language}" for language in LANGUAGES)
    return (
        f"{sum(len(paths) for paths in addresses.values())} addresses, each requested in turn: "
        f"the {len(addresses['pages'])} pages of the sitemap ({per_language}), "
        f"{len(addresses['searches'])} searches ({', '.join(SEARCH_QUERIES)} in each language), "
        f"the {len(addresses['feeds'])} feeds (RSS and Atom in each language) and "
        f"the {len(addresses['open data'])} open-data files"
    )


def check_addresses(base, paths):
    """Each address answers 200 (this also fills the HTTP cache)."""
    failing = []
    for path in paths:
        status, _headers, _body = server.fetch(base + path)
        if status != 200:
            failing.append(f"{path} ({status})")
    if failing:
        raise RuntimeError("addresses of the mix not answering 200: " + ", ".join(failing))


def gunicorn_processes():
    """(master pid, sorted worker pids) of the gunicorn this script started (its only gunicorn child)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if b"gunicorn" in command:
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    masters = [pid for pid, parent in parents.items() if parent == os.getpid()]
    if len(masters) != 1:
        raise RuntimeError(f"expected one gunicorn master started by this script, found {masters}")
    return masters[0], sorted(pid for pid, parent in parents.items() if parent == masters[0])


def connections_held(pid, port):
    """The established TCP connections to ``port`` the process ``pid`` has open (from /proc)."""
    sockets = set()
    for descriptor in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(descriptor)
        except OSError:
            continue
        if target.startswith("socket:["):
            sockets.add(target[len("socket:[") : -1])
    held = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)
            if fields[3] == "01" and local_port == port and fields[9] in sockets:  # 01: ESTABLISHED
                held += 1
    return held


def healthz(base):
    """What /healthz answers (under load it waits its turn behind the other connections)."""
    try:
        status, _headers, body = server.fetch(base + "/healthz", timeout=WRK_TIMEOUT_SECONDS)
    except OSError as error:
        return f"no answer ({error})"
    return f"{status} {body.decode().strip()}"


@dataclass
class Phase:
    name: str
    requirement: str
    result: LoadResult
    passed: bool
    figures: list = field(default_factory=list)
    events: dict = field(default_factory=dict)  # epoch time -> what happened

    def timeline(self):
        """One row per second of the run: answers by class, HTTP cache hits, what happened."""
        first = math.floor(self.result.started)
        events = {}
        for moment, text in self.events.items():
            events.setdefault(math.floor(moment), []).append(text)
        seconds = sorted(set(self.result.timeline) | set(events))
        rows = []
        for second in seconds:
            counts = self.result.timeline.get(second, Counter())
            rows.append(
                [
                    f"+{second - first}",
                    str(counts["2xx"] + counts["3xx"]),
                    str(counts["5xx"]),
                    str(counts["4xx"]),
                    str(counts["cache hit"]),
                    "; ".join(events.get(second, [])),
                ]
            )
        header = ["second", "2xx/3xx answers", "5xx", "4xx", "HTTP cache hits", "event"]
        return server.markdown_table(header, rows, right_aligned={0, 1, 2, 3, 4})


def steady_phase(base, addresses_file, args):
    server.log(f"Steady load: {args.seconds} s at {args.connections} connections")
    with Load(base, addresses_file, args.seconds, args) as load:
        result = load.finish()
    return Phase(
        "steady",
        "no error, no 5xx",
        result,
        passed=result.failed == 0 and result.server_errors == 0,
    )


def redis_phase(base, addresses_file, redis, args):
    seconds = args.fault_seconds
    stop_at, start_at = seconds * 0.25, seconds * 0.65
    server.log(f"Redis stopped from +{stop_at:.0f} s to +{start_at:.0f} s of {seconds} s of load")
    with Load(base, addresses_file, seconds, args) as load:
        try:
            load.wait_until(stop_at)
            stopped = time.time()
            redis.stop()
            load.wait_until(start_at)
        finally:
            if redis.process is None:
                redis.start()
        restarted = time.time()
        result = load.finish()
    down = range(math.floor(stopped) + 1, math.floor(restarted))  # the whole seconds Redis was down
    answered_while_down = result.answered_in(down.start, down.stop - 1)
    hits_while_down = sum(result.timeline.get(second, Counter())["cache hit"] for second in down)
    passed = result.failed == 0 and result.server_errors == 0 and answered_while_down > 0
    figures = [
        f"Redis down for {restarted - stopped:.1f} s: {answered_while_down} answers in the whole seconds between, "
        f"{hits_while_down} of them from the HTTP cache; /healthz after: {healthz(base)}",
    ]
    events = {stopped: "Redis stopped", restarted: "Redis started again (empty)"}
    return Phase("Redis stopped", "no error, no 5xx", result, passed, figures, events)


def postgres_phase(base, addresses_file, postgres, args):
    seconds = args.fault_seconds
    restart_at = seconds * 0.3
    server.log(f"PostgreSQL restarted at +{restart_at:.0f} s of {seconds} s of load")
    processes_before = gunicorn_processes()
    with Load(base, addresses_file, seconds, args) as load:
        load.wait_until(restart_at)
        began = time.time()
        postgres.restart()
        back = time.time()
        result = load.finish()
    processes_after = gunicorn_processes()
    window_end = math.floor(back + RECOVERY_GRACE_SECONDS)
    in_window = result.failed_in(math.floor(began), window_end)
    after = result.failed_in(window_end + 1, math.inf)
    answered_after = result.answered_in(window_end + 1, math.inf)
    socket_errors = sum(result.errors[kind] for kind in SOCKET_ERRORS)
    same_processes = processes_before == processes_after
    passed = after == 0 and answered_after > 0 and socket_errors == 0 and same_processes
    figures = [
        f"PostgreSQL restart took {back - began:.2f} s; error answers from the restart until "
        f"{RECOVERY_GRACE_SECONDS:.0f} s after it was back: {in_window} "
        f"(of {result.failed_in(0, math.inf)} in the run); after that: {after} errors, {answered_after} answers",
        f"Same gunicorn master and workers before and after (no restart): {'yes' if same_processes else 'NO'} "
        f"(master {processes_before[0]}, workers {', '.join(map(str, processes_after[1]))}); "
        f"/healthz after: {healthz(base)}",
    ]
    events = {began: "PostgreSQL restart begins", back: "PostgreSQL accepts connections again"}
    return Phase(
        "PostgreSQL restarted, behind the HTTP cache",
        f"no error from {RECOVERY_GRACE_SECONDS:.0f} s after it is back; no socket error; no gunicorn restart",
        result,
        passed,
        figures,
        events,
    )


def kill_phase(base, addresses_file, port, args):
    seconds = args.fault_seconds
    kill_at = seconds * 0.3
    server.log(f"One gunicorn worker killed (SIGKILL) at +{kill_at:.0f} s of {seconds} s of load")
    master, workers = gunicorn_processes()
    with Load(base, addresses_file, seconds, args) as load:
        load.wait_until(kill_at)
        victim = workers[0]
        # Stopped first, so that its connections are counted as they are at the moment of the kill.
        os.kill(victim, signal.SIGSTOP)
        try:
            held = connections_held(victim, port)
        finally:
            os.kill(victim, signal.SIGKILL)
        killed = time.time()
        replaced = None
        while time.time() < killed + RESPAWN_SECONDS and replaced is None:
            _master, now = gunicorn_processes()
            if len(now) == len(workers) and victim not in now:
                replaced = time.time()
            else:
                time.sleep(0.1)
        result = load.finish()
    # Behind nginx a request the killed worker was answering ends as the front's 502, not a dropped
    # connection: it counts among the failed requests, which the connections it held bound.
    passed = replaced is not None and result.failed <= held
    respawn = f"replaced by the master after {replaced - killed:.2f} s" if replaced else "NOT replaced"
    figures = [
        f"Worker {victim} held {held} connection(s) when killed; failed requests in the run: {result.failed} "
        f"({', '.join(f'{kind} {result.errors[kind]}' for kind in (*SOCKET_ERRORS, 'status'))}); "
        f"worker {respawn}; master {master} kept running",
    ]
    return Phase(
        "one worker killed (SIGKILL)",
        "failed requests (5xx from the front included) ≤ connections the worker held; worker replaced",
        result,
        passed,
        figures,
        {killed: f"worker {victim} killed"},
    )


class SlowClient:
    """One connection sending a request's headers one line at a time, reconnecting when it is closed."""

    def __init__(self, host, port, stop):
        self.host, self.port, self.stop = host, port, stop
        self.connections = 0

    def run(self):
        while not self.stop.is_set():
            try:
                with socket.create_connection((self.host, self.port), timeout=5) as sock:
                    self.connections += 1
                    sock.sendall(b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                    line = 0
                    while not self.stop.wait(SLOW_HEADER_INTERVAL):
                        line += 1
                        sock.sendall(f"X-Slow-{line}: {line}\r\n".encode())
            except OSError:
                self.stop.wait(0.5)  # closed by the front: come back, as a slowloris does


def slow_clients_phase(base, args):
    seconds, count = args.slow_seconds, args.slow_connections
    server.log(f"{count} slow clients (a header line every {SLOW_HEADER_INTERVAL:.0f} s) for {seconds} s")
    parts = urlsplit(base)
    stop = threading.Event()
    clients = [SlowClient(parts.hostname, parts.port, stop) for _ in range(count)]
    threads = [threading.Thread(target=client.run, daemon=True) for client in clients]
    for thread in threads:
        thread.start()
    started = time.time()
    latencies, failures = {"/healthz": [], "/en/": []}, Counter()
    time.sleep(1)  # every slow client connected
    while time.time() < started + seconds:
        for path, measured in latencies.items():
            asked = time.monotonic()
            try:
                status, _headers, _body = server.fetch(base + path, timeout=WRK_TIMEOUT_SECONDS)
            except OSError:
                status = None
            measured.append((time.monotonic() - asked) * 1000)
            if status != 200:
                failures[path] += 1
        time.sleep(0.2)
    stop.set()
    for thread in threads:
        thread.join(timeout=SLOW_HEADER_INTERVAL + 6)
    every = [latency for measured in latencies.values() for latency in measured]
    percentiles = {path: percentile(measured, 99) for path, measured in latencies.items()}
    result = LoadResult(
        started,
        requests=len(every),
        seconds=time.time() - started,
        errors=Counter(status=sum(failures.values())),
        latency_ms={"50": percentile(every, 50), "99": percentile(every, 99)},
    )
    passed = not failures and all(value <= SLOW_CLIENT_P99_MS for value in percentiles.values())
    figures = [
        f"{count} slow connections, {sum(client.connections for client in clients)} opened in all "
        f"(each reopened when the front closed it); "
        + "; ".join(f"{path}: {len(latencies[path])} answers, p99 {percentiles[path]:.0f} ms" for path in latencies)
        + (f"; failed: {dict(failures)}" if failures else "")
    ]
    return Phase(
        f"{count} slow clients",
        f"/healthz and /en/ all 200, p99 ≤ {SLOW_CLIENT_P99_MS} ms",
        result,
        passed,
        figures,
        {started: f"{count} slow clients connect", started + seconds: "slow clients stop"},
    )


def percentile(values, share):
    """The ``share``-th percentile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, math.ceil(share / 100 * len(ordered)) - 1)]


def summary_table(phases, connections):
    header = ["phase", "s", "conns", "requests", "req/s", "p50 ms", "p99 ms", "connect errors"]
    header += ["read/write errors", "timeouts", "non-2xx/3xx", "5xx", "requirement", "met"]
    rows = []
    for phase in phases:
        result = phase.result
        rows.append(
            [
                phase.name,
                f"{result.seconds:.0f}",
                str(connections),
                f"{result.requests:,}",
                f"{result.requests / result.seconds:.0f}" if result.seconds else "–",
                f"{result.latency_ms.get('50', 0):.1f}",
                f"{result.latency_ms.get('99', 0):.1f}",
                str(result.errors["connect"]),
                str(result.errors["read"] + result.errors["write"]),
                str(result.errors["timeout"]),
                str(result.errors["status"]),
                str(result.server_errors),
                phase.requirement,
                "yes" if phase.passed else "**NO**",
            ]
        )
    return server.markdown_table(header, rows, right_aligned=set(range(1, 12)))


def report(phases, mix, args, busy_before, elapsed):
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Tusenet load and fault tests (`make loadtest`)",
        "",
        f"Measured {when} at revision {bench.git_revision()} on {os.cpu_count()} CPUs ({bench.cpu_model()}), "
        f"Python {sys.version.split()[0]}. gunicorn with `tusenet.settings.production`, {args.workers} sync "
        f"workers; PostgreSQL and Redis of the load test's own, all on 127.0.0.1; wrk {args.threads} threads, "
        f"{args.connections} connections, `Accept-Encoding: gzip`, {WRK_TIMEOUT_SECONDS} s timeout, on the same "
        f"machine. CPU busy with other work just before: {busy_before:.0%}"
        + (
            " (**other processes were using the CPUs**, so the rates are lower than on an idle machine)."
            if busy_before > bench.BUSY_WARNING
            else "."
        ),
        "",
        f"Mix: {mix}.",
        "",
        summary_table(phases, args.connections),
        "",
        "*non-2xx/3xx* counts every answer with a status of 400 or more, 5xx included; *read/write errors* are "
        "connections closed before an answer.",
    ]
    for phase in phases:
        if not phase.events:
            continue
        lines += ["", f"## {phase.name}", ""]
        lines += [f"- {figure}" for figure in phase.figures]
        lines += ["", phase.timeline()]
    lines += ["", f"Whole run: {elapsed:.0f} s (setup included)."]
    return "\n".join(lines) + "\n"


def run_phases(port, postgres, redis, args):
    """The five phases on the prepared database; returns them, the mix described, the CPU share busy before."""
    services = {"database_url": postgres.url(DATABASE_NAME), "redis_url": redis.url, "workers": args.workers}
    phases = []
    busy_before = bench.wait_for_quiet()
    with tempfile.NamedTemporaryFile("w", prefix="tusenet-loadtest-", suffix=".txt") as addresses_file:
        with (
            server.production_server(port, **services),
            server.nginx_front(server.free_port(), port) as base,
        ):
            addresses = discover_addresses(base)
            paths = [path for kind in addresses.values() for path in kind]
            addresses_file.write("\n".join(paths) + "\n")
            addresses_file.flush()
            server.log(f"Checking the {len(paths)} addresses of the mix (and filling the HTTP cache)")
            check_addresses(base, paths)
            phases.append(steady_phase(base, addresses_file.name, args))
            phases.append(redis_phase(base, addresses_file.name, redis, args))
            phases.append(postgres_phase(base, addresses_file.name, postgres, args))
            phases.append(kill_phase(base, addresses_file.name, port, args))
            phases.append(slow_clients_phase(base, args))
    return phases, describe_mix(addresses), busy_before


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=int, default=60, help="length of the steady phase")
    parser.add_argument("--fault-seconds", type=int, default=20, help="length of each fault phase")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (WEB_CONCURRENCY)")
    parser.add_argument("--slow-connections", type=int, default=50, help="clients of the slow-clients phase")
    parser.add_argument("--slow-seconds", type=int, default=60, help="length of the slow-clients phase")
    parser.add_argument("--output", type=Path, default=server.BENCH_DIR / "loadtest.md")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: `make loadtest` installs it (apt-get install -y wrk)")

    started = time.monotonic()
    port = server.free_port()
    postgres, redis = PostgresServer(), RedisServer()
    try:
        postgres.start()
        redis.start()
        server.prepare(port, postgres.url(DATABASE_NAME))
        phases, mix, busy_before = run_phases(port, postgres, redis, args)
    finally:
        redis.remove()
        postgres.stop()
    server.publish(report(phases, mix, args, busy_before, time.monotonic() - started), args.output)
    failed = [phase.name for phase in phases if not phase.passed]
    if failed:
        sys.exit(f"Requirements not met: {', '.join(failed)}")


if __name__ == "__main__":
    main()
