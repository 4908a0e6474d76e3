#!/usr/bin/env python3
"""The SQL workbench's figures (issue #20) against a running `mangetamain serve` on the full-scale database.

Usage: bench/sql_bench.py --base http://127.0.0.1:PORT --pid PID [--runs 200] [--export PATH]

Start the server with the SQL rate limit and caps out of the way of a benchmark, e.g.
  mangetamain serve --db build/bench/bench.duckdb --port 18620 --set sql.rate_per_minute=1000000 \
    --set sql.burst=100000 --set sql.max_concurrent=8 --set sql.max_concurrent_per_client=8

Prints, each with its target and the load average: `select count(*) from interactions` p50/p95 end to end (HTTP
POST to the JSON answer read), a group-by over interactions by year and rating p50/p95, the server's RSS before and
its peak (VmHWM) while 8 heavy queries run at once, and, with --export, the MB/s of one export file served from
the cache. Loopback only.
"""
import argparse
import json
import os
import threading
import time
import urllib.request

from procstat import status_mb



def post_sql(base, sql, timeout=60):
    request = urllib.request.Request(base + "/api/v1/sql", data=json.dumps({"sql": sql}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        body = error.read()
        status = error.code
    return (time.perf_counter() - start) * 1000, status, body


def percentile(samples, q):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def latency(base, name, sql, runs, target_ms):
    post_sql(base, sql)  # warm: the sandbox opens on first use
    samples = []
    for _ in range(runs):
        ms, status, body = post_sql(base, sql)
        if status != 200:
            raise SystemExit(f"{name}: status {status}: {body[:200]!r}")
        samples.append(ms)
    p95 = percentile(samples, 0.95)
    verdict = "OK" if p95 <= target_ms else "OVER"
    print(f"{name}: p50 {percentile(samples, 0.5):.1f} ms, p95 {p95:.1f} ms over {runs} runs "
          f"(target p95 <= {target_ms} ms: {verdict})")


# A query that fits the memory limit only by a little: every user's count, mean, distinct recipes and review text
# length, sorted (a hash aggregate over 1.1M rows with a distinct and a sort).
HEAVY = ("SELECT user_id, count(*) AS n, avg(rating) AS mean, count(DISTINCT recipe_id) AS recipes, "
         "sum(length(review)) AS text FROM interactions GROUP BY user_id ORDER BY text DESC, user_id LIMIT 10")
# One that does not fit: every review of a user glued together.
TOO_HEAVY = ("SELECT user_id, string_agg(review, ' ') AS all_reviews FROM interactions GROUP BY user_id "
             "ORDER BY length(all_reviews) DESC LIMIT 10")


def concurrent_heavy(base, pid, clients, sql, name):
    before = status_mb(pid, "VmRSS")
    results = []
    errors = []

    def one():
        ms, status, body = post_sql(base, sql, timeout=120)
        results.append((ms, status))
        if status != 200:
            errors.append(json.loads(body).get("detail", "")[:90])

    threads = [threading.Thread(target=one) for _ in range(clients)]
    peak = before
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        peak = max(peak, status_mb(pid, "VmRSS"))
        time.sleep(0.01)
    for thread in threads:
        thread.join()
    statuses = sorted(status for _, status in results)
    slowest = max(ms for ms, _ in results)
    print(f"{clients} concurrent {name}: RSS {before:.0f} MiB before, peak {peak:.0f} MiB sampled "
          f"(VmHWM {status_mb(pid, 'VmHWM'):.0f} MiB), statuses {statuses}, slowest {slowest:.0f} ms")
    if errors:
        print(f"  first refusal: {errors[0]!r}")


def export_rate(base, path, runs=5):
    best = 0.0
    size = 0
    for _ in range(runs):
        start = time.perf_counter()
        with urllib.request.urlopen(base + path, timeout=120) as response:
            size = 0
            while chunk := response.read(1 << 20):
                size += len(chunk)
        seconds = time.perf_counter() - start
        best = max(best, size / (1 << 20) / seconds)
    verdict = "OK" if best >= 200 else "UNDER"
    print(f"export {path}: {size / (1 << 20):.1f} MiB at {best:.0f} MiB/s (best of {runs}; target >= 200: {verdict})")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--export")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} "
          f"(shared machine), {os.cpu_count()} CPUs")
    latency(args.base, "select count(*) from interactions", "select count(*) from interactions", args.runs, 20)
    latency(args.base, "group by year, rating over interactions",
            "SELECT year(date) AS year, rating, count(*) AS n FROM interactions GROUP BY ALL ORDER BY ALL",
            args.runs // 2, 100)
    concurrent_heavy(args.base, args.pid, 8, HEAVY, "heavy queries")
    concurrent_heavy(args.base, args.pid, 8, TOO_HEAVY, "queries over the memory limit")
    if args.export:
        export_rate(args.base, args.export)
    print(f"load average {os.getloadavg()[0]:.2f} after")


if __name__ == "__main__":
    main()
