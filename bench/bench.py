"""`make bench`: the production server under load, alone and behind nginx (the HTTP cache), against a static ceiling.

For home, network 3, Kalmar's municipality page, the networks index and a search, in English,
Turkish and Swedish: requests/s, p50 and p99 latency (wrk on 127.0.0.1, bounded in time), SQL queries
per request (Django's test client in-process, production settings, same database, after one warm-up
request), response bytes, and gunicorn/whitenoise serving the stylesheet as the ceiling, with each
figure also as a ratio to that ceiling. Prints a table per mode and writes bench/results.md.
"""

import argparse
import gzip
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from contextlib import nullcontext
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import server  # noqa: E402

KIND_ORDER = ["home", "network 3", "municipality (Kalmar)", "networks index", "search"]
LANGUAGE_ORDER = ["en", "tr", "sv"]
CEILING_FILE = "css/tusenet.css"
BUSY_SAMPLE_SECONDS = 3
BUSY_WARNING = 0.25
QUIET_WAIT_SECONDS = 30
STABLE_CEILING = 0.15
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_wrk(output):
    """Requests/s, p50 and p99 (ms), request count and errors from `wrk --latency` output."""

    def latency(percentile):
        match = re.search(rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.MULTILINE)
        if not match:
            raise ValueError(f"no {percentile}% latency in wrk output:\n{output}")
        return float(match.group(1)) * UNITS[match.group(2)]

    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    requests = re.search(r"^\s*(\d+) requests in", output, re.MULTILINE)
    if not rps or not requests:
        raise ValueError(f"unexpected wrk output:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rps": float(rps.group(1)),
        "p50": latency(50),
        "p99": latency(99),
        "requests": int(requests.group(1)),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(int(n) for n in socket_errors.groups()) if socket_errors else 0,
    }


def run_wrk(url, args):
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s", "--timeout", "10s"]
    if args.accept_gzip:
        command += ["--header", "Accept-Encoding: gzip"]
    result = subprocess.run([*command, "--latency", url], capture_output=True, text=True, timeout=args.duration + 60)
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed on {url}: {result.stderr or result.stdout}")
    return parse_wrk(result.stdout)


def median_run(url, args):
    """``args.rounds`` wrk runs of ``url``: the median run by requests/s, with every run's requests/s."""
    runs = sorted((run_wrk(url, args) for _ in range(args.rounds)), key=lambda run: run["rps"])
    return {**runs[len(runs) // 2], "runs": [run["rps"] for run in runs]}


def warm_up(url, rounds):
    """Request ``url`` a few times; the last answer's status, size, gzip size and the HTTP cache's status.

    The gzip size is the server's own when it compresses the answer for ``Accept-Encoding: gzip``,
    otherwise the body compressed here with gzip -6 (marked as computed).
    """
    for _ in range(rounds):
        status, headers, body = server.fetch(url)
    _status, gzip_headers, gzip_body = server.fetch(url, headers={"Accept-Encoding": "gzip"})
    served_gzip = gzip_headers.get("Content-Encoding") == "gzip"
    return {
        "status": status,
        "bytes": len(body),
        "gzip_bytes": len(gzip_body) if served_gzip else len(gzip.compress(body, compresslevel=6)),
        "served_gzip": served_gzip,
        "x_cache": headers.get("X-Cache-Status", ""),
    }


def run_mode(port, targets, ceiling_path, args, *, front):
    """Pages measured at gunicorn itself, or (``front``) through nginx; the ceiling always at gunicorn."""
    rows = []
    busy_before = wait_for_quiet()
    front_port = server.free_port()
    front_url = server.base_url(front_port)
    environment = {"FRONTEND_CACHE": front_url} if front else {}
    with (
        server.production_server(port, redis=True, workers=args.workers, environment=environment) as base,
        server.nginx_front(front_port, port) if front else nullcontext() as pages_base,
    ):
        pages_base = pages_base or base
        ceiling_url = base + ceiling_path
        ceiling = {**warm_up(ceiling_url, 3), "label": "ceiling: static file", "path": ceiling_path}
        for target in targets:
            target["warm"] = warm_up(pages_base + target["path"], 3)
            if target["warm"]["status"] != 200:
                raise RuntimeError(f"{target['path']} answered {target['warm']['status']}")
        queries = server.probe(port, "queries", *(t["path"] for t in targets), redis=True)
        server.log(
            f"wrk {args.threads} threads, {args.connections} connections, {args.duration} s per address, "
            f"median of {args.rounds} runs"
        )
        # The ceiling three times, at the start, the middle and the end: its median is the figure the ratios
        # use, and runs far apart mean the machine's speed changed meanwhile.
        ceiling_runs = [run_wrk(ceiling_url, args)]
        server.log(f"  {ceiling_path}: {ceiling_runs[0]['rps']:.0f} req/s")
        for number, target in enumerate(targets):
            if number == len(targets) // 2:
                ceiling_runs.append(run_wrk(ceiling_url, args))
                server.log(f"  {ceiling_path} (middle): {ceiling_runs[-1]['rps']:.0f} req/s")
            measured = median_run(pages_base + target["path"], args)
            rows.append({**target, **target["warm"], **measured, "queries": queries[target["path"]]})
            runs = ", ".join(f"{rps:.0f}" for rps in measured["runs"])
            server.log(f"  {target['path']}: {measured['rps']:.0f} req/s (runs: {runs})")
        ceiling_runs.append(run_wrk(ceiling_url, args))
        server.log(f"  {ceiling_path} (end): {ceiling_runs[-1]['rps']:.0f} req/s")
        ceiling["runs"] = [run["rps"] for run in ceiling_runs]
        ceiling.update(sorted(ceiling_runs, key=lambda run: run["rps"])[1])
    ceiling["busy_before"] = busy_before
    return ceiling, rows


def ratio_cells(row, ceiling):
    return (
        f"{row['rps']:.0f}",
        f"{100 * row['rps'] / ceiling['rps']:.1f} %",
        f"{row['p50']:.1f} (×{row['p50'] / ceiling['p50']:.1f})",
        f"{row['p99']:.1f} (×{row['p99'] / ceiling['p99']:.1f})",
    )


def gzip_cell(row):
    return f"{row['gzip_bytes']:,}" + ("" if row["served_gzip"] else "*")


def table(ceiling, rows, *, front):
    header = ["page", "lang", "URL", "req/s", "% of ceiling", "p50 ms (× ceiling)", "p99 ms (× ceiling)"]
    header += ["SQL queries", "bytes", "gzip bytes"]
    if front:
        header.append("HTTP cache")
    body = []
    ceiling_row = ["**ceiling: static file**", "", f"`{ceiling['path']}`", f"{ceiling['rps']:.0f}", "100 %"]
    ceiling_row += [f"{ceiling['p50']:.1f}", f"{ceiling['p99']:.1f}", "–", f"{ceiling['bytes']:,}", gzip_cell(ceiling)]
    if front:
        ceiling_row.append("–")
    body.append(ceiling_row)
    for row in rows:
        cells = [row["kind"], row["language"], f"`{row['path']}`", *ratio_cells(row, ceiling)]
        cells += [str(row["queries"]["queries"]), f"{row['bytes']:,}", gzip_cell(row)]
        if front:
            cells.append(row["x_cache"] or "not cached")
        body.append(cells)
    return server.markdown_table(header, body, right_aligned={3, 4, 5, 6, 7, 8, 9})


def problems(ceiling, rows):
    found = []
    low, high = min(ceiling["runs"]), max(ceiling["runs"])
    if high - low > STABLE_CEILING * high:
        runs = ", ".join(f"{rps:.0f}" for rps in ceiling["runs"])
        found.append(
            f"the ceiling was {runs} req/s at the start, middle and end of this mode: "
            "the machine's speed changed during the run (other work?), so these figures are less comparable"
        )
    for row in [ceiling, *rows]:
        if row["non_2xx"] or row["socket_errors"]:
            label = row.get("path")
            found.append(f"{label}: {row['non_2xx']} non-2xx/3xx answers, {row['socket_errors']} socket errors")
    return found


def cpu_busy(seconds=None):
    """The share of CPU time not idle over a short sample (all CPUs, from /proc/stat); 0 where unknown."""

    def sample():
        fields = [int(n) for n in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        return fields[3] + fields[4], sum(fields)  # idle + iowait, total

    try:
        idle_before, total_before = sample()
        time.sleep(seconds or BUSY_SAMPLE_SECONDS)
        idle_after, total_after = sample()
    except (OSError, IndexError, ValueError):
        return 0.0
    total = total_after - total_before
    return 1 - (idle_after - idle_before) / total if total else 0.0


def wait_for_quiet(limit=QUIET_WAIT_SECONDS):
    """Wait (bounded) until other processes leave the CPUs mostly idle; returns the last busy share."""
    deadline = time.monotonic() + limit
    busy = cpu_busy()
    while busy > BUSY_WARNING and time.monotonic() < deadline:
        server.log(f"CPUs {busy:.0%} busy with other work: waiting for them to quieten (at most {limit} s)")
        busy = cpu_busy()
    return busy


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def git_revision():
    try:
        revision = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=server.ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=server.ROOT, capture_output=True, text=True)
        return revision + (" (with uncommitted changes)" if dirty.stdout.strip() else "")
    except OSError:
        return "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_DURATION", 5)), help="s per URL")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (WEB_CONCURRENCY)")
    parser.add_argument("--rounds", type=int, default=3, help="wrk runs per page; the median is shown")
    parser.add_argument("--accept-gzip", action="store_true", help="wrk sends Accept-Encoding: gzip")
    parser.add_argument("--output", type=Path, default=server.BENCH_DIR / "results.md")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: `make bench` installs it (apt-get install -y wrk)")

    started = time.monotonic()
    port = server.free_port()
    server.prepare(port)
    targets = server.probe(port, "urls")
    targets.sort(key=lambda t: (KIND_ORDER.index(t["kind"]), LANGUAGE_ORDER.index(t["language"])))
    ceiling_path = server.static_path(CEILING_FILE)

    results = {}
    for front in (False, True):
        server.log("Through nginx (the HTTP cache)" if front else "gunicorn alone (fragments in Redis)")
        results[front] = run_mode(port, [dict(t) for t in targets], ceiling_path, args, front=front)

    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Tusenet benchmark (`make bench`)",
        "",
        f"Measured {when} at revision {git_revision()} on {os.cpu_count()} CPUs ({cpu_model()}), "
        f"Python {platform.python_version()}. gunicorn with `tusenet.settings.production` (DEBUG off, whitenoise), "
        f"{args.workers} sync workers, PostgreSQL database `{server.DATABASE_NAME}` on 127.0.0.1; "
        f"wrk {args.threads} threads, {args.connections} connections, {args.duration} s per run, "
        f"each figure the median of {args.rounds} runs, on the same machine as the server.",
        "",
        "- **Ceiling**: the same gunicorn serving the stylesheet through whitenoise. "
        + (
            "wrk sends `Accept-Encoding: gzip`, so compressed answers are measured where the server compresses. "
            if args.accept_gzip
            else "wrk sends no `Accept-Encoding`: every answer under load is uncompressed (`--accept-gzip` changes "
            "that). "
        )
        + "*% of ceiling* is req/s ÷ ceiling req/s; *× ceiling* is latency ÷ ceiling latency.",
        "- **SQL queries**: one request after one warm-up request, counted in-process with Django's test client "
        "and `CaptureQueriesContext` under the production settings on the same database "
        "(both modes with the bench's Redis, as in production: the fragments such as menus are cached).",
        "- **bytes**: the HTML body as served uncompressed; **gzip bytes**: the body the server sends for "
        "`Accept-Encoding: gzip`, or, marked \\*, where the server sent it uncompressed even then, the body "
        "compressed here with gzip -6.",
        "- Search has a query string, so the HTTP cache never stores it: it is rendered on every request in "
        "both modes.",
    ]
    for front in (False, True):
        ceiling, rows = results[front]
        title = (
            "Through nginx, the HTTP cache (deploy/nginx.conf.template), fragments in Redis `redis://127.0.0.1:6379/2`"
            if front
            else "gunicorn alone, no HTTP cache (fragments in Redis `redis://127.0.0.1:6379/2`, flushed first)"
        )
        busy = ceiling["busy_before"]
        note = f"CPU busy with other work in the {BUSY_SAMPLE_SECONDS} s before the server started: {busy:.0%}."
        if busy > BUSY_WARNING:
            note += (
                " **Other processes were using the CPUs**: they may have taken CPU from gunicorn and wrk, "
                "so these figures may be lower and noisier than on an idle machine."
            )
        lines += ["", f"## {title}", "", note, ""]
        lines.append(table(ceiling, rows, front=front))
        start, middle, end = ceiling["runs"]
        lines.append(
            f"\nThe ceiling was measured at the start ({start:.0f} req/s), the middle ({middle:.0f}) and the end "
            f"({end:.0f}) of this mode; the table and the ratios use their median. Each page's figures are the "
            f"median of {args.rounds} runs (by req/s): "
            + "; ".join(f"`{row['path']}` {'/'.join(f'{rps:.0f}' for rps in row['runs'])}" for row in rows)
            + "."
        )
        for problem in problems(ceiling, rows):
            lines.append(f"\n**Warning**: {problem}")
    elapsed = time.monotonic() - started
    lines += ["", f"Whole bench: {elapsed:.0f} s (setup included)."]
    text = "\n".join(lines) + "\n"
    server.publish(text, args.output)


if __name__ == "__main__":
    main()
