"""`make lighthouse`: Lighthouse 12.2.3 on Debian's Chromium against the production server (mobile).

Audits home, network 3 and Kalmar's municipality page in English, Turkish and Swedish on the same
production server as `make bench` (nginx's HTTP cache in front of gunicorn, PostgreSQL ``tusenet_bench``,
fragments in Redis), as `make serve` runs it, prints the
four category scores and the transferred bytes (total-byte-weight) of each page with every audit that
kept a score below 100, and writes bench/lighthouse.md. The JSON reports stay in
bench/lighthouse-reports/.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import server  # noqa: E402

LIGHTHOUSE = server.BENCH_DIR / "node_modules" / ".bin" / "lighthouse"
REPORTS = server.BENCH_DIR / "lighthouse-reports"
CHROME_PATH = "/usr/bin/chromium"
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
KINDS = ["home", "network 3", "municipality (Kalmar)"]
LANGUAGES = ["en", "tr", "sv"]


def lighthouse(url, report_path, attempts=3):
    """One Lighthouse run; a run that fails to record the trace (NO_NAVSTART, NO_FCP) is tried again."""
    for attempt in range(1, attempts + 1):
        try:
            return lighthouse_once(url, report_path)
        except RuntimeError as error:
            if attempt == attempts:
                raise
            server.log(f"  {error.args[0].splitlines()[-1]} - trying again ({attempt + 1}/{attempts})")


def lighthouse_once(url, report_path):
    report_path.unlink(missing_ok=True)
    env = {**os.environ, "CHROME_PATH": CHROME_PATH}
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report_path}",
        f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--quiet",
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240)
    if result.returncode != 0 or not report_path.exists():
        raise RuntimeError(f"lighthouse failed on {url} ({result.returncode}):\n{result.stderr[-3000:]}")
    return json.loads(report_path.read_text())


def summarise(report):
    """The four scores (0-100), the transferred bytes and the audits that lost points."""
    scores = {name: round(100 * report["categories"][name]["score"]) for name in CATEGORIES}
    audits = report["audits"]
    failing = []
    errors = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = audits[ref["id"]]
            if audit["scoreDisplayMode"] == "error":
                errors.append(f"{ref['id']} (weight {ref['weight']}): {audit.get('errorMessage', '')}")
                continue
            if audit["score"] is None or audit["score"] >= 1:
                continue
            if audit["scoreDisplayMode"] not in ("binary", "numeric", "metricSavings"):
                continue
            value = audit.get("displayValue", "")
            weight = "" if ref["weight"] > 0 else ", unweighted"
            failing.append(f"{name}: {ref['id']} (score {audit['score']:.2f}{weight}{', ' + value if value else ''})")
    return {
        "scores": scores,
        "bytes": int(audits["total-byte-weight"]["numericValue"]),
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "failing": failing,
        "errors": errors,
        "runtime_error": report.get("runtimeError", {}).get("message"),
        "warnings": report.get("runWarnings", []),
        "version": report["lighthouseVersion"],
        "chrome": report.get("environment", {}).get("hostUserAgent", ""),
    }


def median_run(runs):
    """With several runs, the run whose performance score is the median (Lighthouse's own advice)."""
    if len(runs) == 1:
        return runs[0]
    middle = statistics.median_low([run["scores"]["performance"] for run in runs])
    return next(run for run in runs if run["scores"]["performance"] == middle)


def table(rows):
    header = ["page", "lang", "URL", "performance", "accessibility", "best practices", "SEO", "transferred"]
    body = []
    for row in rows:
        s = row["scores"]
        body.append(
            [row["kind"], row["language"], f"`{row['path']}`"]
            + [str(s[name]) for name in CATEGORIES]
            + [f"{row['bytes'] / 1024:.1f} KiB ({row['bytes']:,} B)"]
        )
    return server.markdown_table(header, body, right_aligned={3, 4, 5, 6, 7})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("LIGHTHOUSE_RUNS", 1)), help="runs per page")
    parser.add_argument("--output", type=Path, default=server.BENCH_DIR / "lighthouse.md")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: `make lighthouse` installs it (npm ci --prefix bench)")
    if not Path(CHROME_PATH).exists():
        sys.exit("Chromium is missing: `make lighthouse` installs it (apt-get install -y chromium)")
    REPORTS.mkdir(exist_ok=True)

    port = server.free_port()
    server.prepare(port)
    targets = [t for t in server.probe(port, "urls") if t["kind"] in KINDS]
    targets.sort(key=lambda t: (KINDS.index(t["kind"]), LANGUAGES.index(t["language"])))
    rows = []
    with server.production_server(port), server.nginx_front(server.free_port(), port) as base:
        for target in targets:
            status, headers, _body = server.fetch(base + target["path"])
            if status != 200:
                raise RuntimeError(f"{target['path']} answered {status}")
        for target in targets:
            runs = []
            for run in range(args.runs):
                name = f"{target['kind'].split(' ')[0]}-{target['language']}-{run + 1}.json"
                runs.append(summarise(lighthouse(base + target["path"], REPORTS / name)))
            row = {**target, **median_run(runs)}
            row["lowest"] = {name: min(run["scores"][name] for run in runs) for name in CATEGORIES}
            rows.append(row)
            scores = " ".join(f"{name} {row['scores'][name]}" for name in CATEGORIES)
            server.log(f"  {target['path']}: {scores}, {row['bytes']:,} B")

    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Lighthouse (`make lighthouse`)",
        "",
        f"Measured {when} with Lighthouse {rows[0]['version']} (mobile, simulated throttling) on Debian's Chromium "
        f"(`{rows[0]['chrome']}`), against gunicorn with `tusenet.settings.production` on http://127.0.0.1 "
        f"behind nginx, the HTTP cache of `make serve` (PostgreSQL `{server.DATABASE_NAME}`, fragments in Redis); "
        f"{args.runs} run(s) per page"
        + (", the median performance run shown" if args.runs > 1 else "")
        + ". *transferred* is Lighthouse's total-byte-weight (bytes over the network, compression included).",
        "",
        table(rows),
    ]
    if args.runs > 1:
        lower = [
            f"{row['language']} {row['kind']}: " + ", ".join(f"{n} {row['lowest'][n]}" for n in CATEGORIES)
            for row in rows
            if row["lowest"] != row["scores"]
        ]
        lines.append("")
        lines.append(
            "Lowest score in any run, where it differs from the table: " + "; ".join(lower)
            if lower
            else f"Every one of the {args.runs} runs of every page scored as in the table."
        )
    notes = []
    for row in rows:
        for item in row["failing"]:
            notes.append(f"- {row['language']} {row['kind']}: {item}")
        if row["runtime_error"]:
            notes.append(f"- {row['language']} {row['kind']}: runtime error {row['runtime_error']}")
        for warning in row["warnings"]:
            notes.append(f"- {row['language']} {row['kind']}: warning {warning}")
    heading = "Audits that did not fully pass (*unweighted* ones do not count towards the score):"
    lines += ["", heading if notes else "Every audit passed on every page.", *notes]
    errors = sorted({error for row in rows for error in row["errors"]})
    if errors:
        lines += ["", "Audits Lighthouse could not run (not scored):", *(f"- {error}" for error in errors)]
    text = "\n".join(lines) + "\n"
    server.publish(text, args.output)


if __name__ == "__main__":
    main()
