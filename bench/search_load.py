#!/usr/bin/env python3
"""Search throughput and latency of a `mangetamain serve` on the full-scale demo (the issue #19 targets).

Usage: bench/search_load.py --binary build/release/mangetamain --db build/bench/bench.duckdb [--seconds 20]
       [--uncached]

Starts the server itself (a free port, its own log directory under /tmp), then prints, each with its target:
- the explorer index build time, from the server's log line (<= 1.5 s);
- per-query latency of 200 distinct queries asked one after the other, first time (nothing cached) and again
  (answered from the result cache): p50 / p95 / max (p95 <= 20 ms);
- wrk with 64 connections cycling through the same 200 queries: requests/s and p99 (>= 400 req/s, p99 <= 250 ms),
  and the server's RSS before and after (growth <= 50 MB);
- with --uncached, the server's took_ms for the largest result sets ("chicken", "salt", every recipe) asked
  at 40 distinct pages, then a second wrk run where every request is a new cache key (the 200 queries, each wrk thread
  paging through its own pages 1, 3, 5… or 2, 4, 6…), so every answer ranks and counts facets afresh;
- the load average at each stage: the machine is shared, so every figure is noisy.
The server is stopped (SIGTERM to the process this script started) before it returns.
"""
import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

from procstat import rss_mb

# 200 distinct queries: common single words, two- and three-word dishes, plurals, accented and upper-case forms,
# French words, typos and partial matches (words no recipe holds together), as readers type them.
WORDS = ["chicken", "beef", "pork", "salmon", "shrimp", "rice", "pasta", "potato", "tomato", "onion", "garlic",
         "cheese", "chocolate", "cake", "cookies", "bread", "soup", "salad", "stew", "pie", "muffins", "pancakes",
         "lemon", "apple", "banana", "carrot", "spinach", "mushroom", "bacon", "egg", "butter", "honey", "vanilla",
         "cinnamon", "ginger", "curry", "beans", "corn", "zucchini", "broccoli"]
DISHES = ["chicken soup", "beef stew", "chocolate cake", "apple pie", "banana bread", "tomato salad",
          "garlic bread", "lemon chicken", "pork chops", "shrimp pasta", "rice pudding", "potato salad",
          "carrot cake", "cheese sauce", "spinach dip", "mushroom risotto", "bacon eggs", "honey ginger chicken",
          "vanilla cookies", "cinnamon rolls", "curry rice", "corn chowder", "zucchini bread", "broccoli cheese soup",
          "chicken rice tomato", "beef beans chili", "salmon lemon dill", "pasta garlic butter"]
FRENCH = ["poulet", "boeuf", "riz", "tomates", "pommes de terre", "gâteau au chocolat", "soupe", "salade",
          "crème", "fromage", "oignon", "ail", "citron", "pâtes", "champignons", "carottes", "épinards",
          "lardons", "poisson", "crevettes"]
VARIANTS = ["crème brûlée", "sauté", "jalapeño", "Chicken", "COOKIES", "Crème", "jalapeno", "saute", "creme",
            "cookie", "tomatoe", "chiken", "choclate", "brocoli", "spagetti", "lasagne", "creme brulee",
            "chicken brownies", "vegan chicken", "sushi pizza"]


def queries():
    out = []
    seen = set()
    pools = [WORDS, DISHES, FRENCH, VARIANTS]
    for pool in pools:
        for q in pool:
            if q not in seen:
                seen.add(q)
                out.append(q)
    # Fill to 200 with word pairs, in a fixed order.
    pairs = ((a, b) for step in range(1, len(WORDS)) for a, b in zip(WORDS, WORDS[step:]))
    for a, b in pairs:
        if len(out) == 200:
            break
        q = f"{a} {b}"
        if q not in seen:
            seen.add(q)
            out.append(q)
    return out[:200]


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def path_of(q):
    return "/api/v1/search?" + urllib.parse.urlencode({"q": q})


def sequential(base, qs):
    times = []
    for q in qs:
        start = time.perf_counter()
        with urllib.request.urlopen(base + path_of(q), timeout=30) as response:
            response.read()
            if response.status != 200:
                raise SystemExit(f"status {response.status} for {q}")
        times.append((time.perf_counter() - start) * 1000)
    return times


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(binary, db, logdir):
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--db", db, "--port", str(port), "--no-access-log", "--log-dir", logdir],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    build_ms = None
    deadline = time.time() + 120
    while time.time() < deadline and build_ms is None:
        line = proc.stdout.readline()
        if not line:
            break
        m = re.search(r"explorer index: .* read in (\d+) ms, built in (\d+) ms", line)
        if m:
            build_ms = int(m.group(2))
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return proc, port, build_ms
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("server did not start")


def large_set_took(base):
    """The server's own took_ms for the largest result sets (where facet counting cost the most), each query at
    40 distinct pages so none is answered from the cache: median and 90th percentile."""
    import json
    for q in ("chicken", "salt", ""):
        took = []
        for page in range(1, 41):
            url = base + "/api/v1/search?" + urllib.parse.urlencode({"q": q, "page": page})
            with urllib.request.urlopen(url, timeout=30) as response:
                body = json.load(response)
            took.append(body["took_ms"])
        print(f"uncached {q!r} ({body['total']} results, facets sampled: {body.get('facets_sampled', False)}): "
              f"took_ms p50 {percentile(took, 0.5):.2f}, p90 {percentile(took, 0.9):.2f}")


def wrk_uncached(tmp, qs, base, seconds):
    """wrk at 64 connections where no two requests share a cache key (query, page): thread t of 2 asks query
    i % 200 at page 2 * (i // 200) + t + 1 for its i-th request."""
    large_set_took(base)
    script = os.path.join(tmp, "uncached.lua")
    with open(script, "w") as f:
        f.write("local paths = {\n")
        for q in qs:
            f.write(f'  "{path_of(q)}",\n')
        f.write("}\nlocal threads = 0\nfunction setup(thread)\n  thread:set(\"tid\", threads)\n"
                "  threads = threads + 1\nend\nlocal i = 0\nrequest = function()\n"
                "  local page = 2 * math.floor(i / #paths) + tid + 1\n"
                "  local path = paths[i % #paths + 1] .. \"&page=\" .. page\n  i = i + 1\n"
                "  return wrk.format(\"GET\", path)\nend\n")
    print(f"load average (wrk uncached): {load()}")
    out = subprocess.run(["wrk", "-t2", "-c64", f"-d{seconds}s", "--latency", "-s", script, base],
                         capture_output=True, text=True, check=True).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
    p99 = re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    print(f"wrk 64 connections, every request a new cache key, {seconds} s: {rps} req/s, p99 {p99}, "
          f"non-2xx {errors.group(1) if errors else 0}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default="build/release/mangetamain")
    parser.add_argument("--db", default="build/bench/bench.duckdb")
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--uncached", action="store_true", help="also run wrk with a new cache key per request")
    args = parser.parse_args()
    qs = queries()
    assert len(set(qs)) == 200
    with tempfile.TemporaryDirectory(prefix="search-load-") as tmp:
        proc, port, build_ms = start_server(args.binary, args.db, os.path.join(tmp, "logs"))
        try:
            # Drain the server's output so it never blocks on a full pipe.
            threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
            base = f"http://127.0.0.1:{port}"
            print(f"load average (start): {load()}")
            print(f"index build: {build_ms} ms   target <= 1500 ms")
            cold = sequential(base, qs)
            warm = sequential(base, qs)
            for label, t in (("first time", cold), ("repeated", warm)):
                print(f"search, 200 distinct queries one at a time, {label}: p50 {percentile(t, 0.5):.1f} ms, "
                      f"p95 {percentile(t, 0.95):.1f} ms, max {max(t):.1f} ms   target p95 <= 20 ms")
            slowest = sorted(zip(cold, qs), reverse=True)[:3]
            print("slowest first-time queries: " + ", ".join(f"{q!r} {ms:.1f} ms" for ms, q in slowest))
            script = os.path.join(tmp, "queries.lua")
            with open(script, "w") as f:
                f.write("local paths = {\n")
                for q in qs:
                    f.write(f'  "{path_of(q)}",\n')
                f.write("}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n"
                        "  return wrk.format(\"GET\", paths[i])\nend\n")
            before = rss_mb(proc.pid)
            print(f"load average (wrk): {load()}")
            out = subprocess.run(["wrk", "-t2", "-c64", f"-d{args.seconds}s", "--latency", "-s", script, base],
                                 capture_output=True, text=True, check=True).stdout
            after = rss_mb(proc.pid)
            rps = re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)
            p99 = re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1)
            errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
            print(f"wrk 64 connections, 200 distinct queries, {args.seconds} s: {rps} req/s, p99 {p99}, "
                  f"non-2xx {errors.group(1) if errors else 0}   target >= 400 req/s, p99 <= 250 ms")
            print(f"server RSS: {before:.0f} MB before, {after:.0f} MB after, growth {after - before:.1f} MB   "
                  "target <= 50 MB")
            if args.uncached:
                wrk_uncached(tmp, qs, base, args.seconds)
            print(f"load average (end): {load()}")
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
