#!/usr/bin/env python3
"""`make soak`: a long mixed load against `mangetamain serve` (the issue #16 soak target).

Usage: bench/soak.py --binary build/release/mangetamain --db DB [--seconds 600] [--interval 30]

Starts its own server on a free loopback port with a fresh log directory, then for --seconds runs at once:
browsing clients (the page, assets, cached analyses, summary), searches, honest event senders, an event flood
rotating its client_id, and slow clients (trickling header lines, stalled POST bodies). Every --interval it prints
one line: RSS, open file descriptors, requests and errors of the honest clients, and the p99 of cached requests
in that interval; then a summary against the targets, the load average with each line (the machine is shared).
Finally it restarts the server on the same log directory and checks the day's events byte cap still holds.
"""
import argparse
import http.client
import json
import os
import random
import socket
import subprocess
import tempfile
import threading
import time

from procstat import fd_count, rss_mb


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def p99(samples):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else float("nan")


class Stats:
    """Per-interval figures, shared by the load threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()
        self.total_requests = 0
        self.total_errors = 0
        self.all_cached_ms = []
        self.error_kinds = {}

    def reset(self):
        self.requests = 0
        self.errors = 0
        self.cached_ms = []
        self.flood_accepted = 0
        self.flood_refused = 0

    def record(self, ok, cached_ms=None, what=""):
        with self.lock:
            self.requests += 1
            self.total_requests += 1
            if not ok:
                self.errors += 1
                self.total_errors += 1
                self.error_kinds[what] = self.error_kinds.get(what, 0) + 1
            if cached_ms is not None:
                self.cached_ms.append(cached_ms)
                self.all_cached_ms.append(cached_ms)


def start_server(binary, db, log_dir, extra=()):
    server = subprocess.Popen(
        [binary, "serve", "--db", db, "--port", "0", "--log-dir", log_dir, "--log-level", "warn", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    port = None
    for line in server.stdout:
        if "listening on" in line or "http://" in line:
            for word in line.split():
                if word.startswith("http://"):
                    port = int(word.rstrip("/").rsplit(":", 1)[1].split("/")[0])
        if port:
            break
    threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
    if port is None:
        raise SystemExit("soak: the server did not say where it listens")
    for _ in range(600):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/readyz")
            if conn.getresponse().status == 200:
                break
        except OSError:
            pass
        time.sleep(0.5)
    return server, port


def honest_client(port, paths, stats, stop, cached=False, pause=0.0):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    while not stop.is_set():
        for path in paths:
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
                response = conn.getresponse()
                response.read()
                ok = response.status in (200, 304)
                what = f"{response.status} {path.split('?')[0]}"
            except (OSError, http.client.HTTPException) as error:
                ok = False
                what = f"{type(error).__name__} {path.split('?')[0]}"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            ms = (time.perf_counter() - start) * 1000
            stats.record(ok, ms if cached else None, what)
            if pause:
                time.sleep(pause)


def event(kind, client_id):
    return json.dumps({"type": kind, "client_id": client_id, "page": "trends", "lang": "en"})


def honest_events(port, stats, stop):
    """One event every 5 s, as a reader's page does: never refused."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    while not stop.wait(5):
        try:
            conn.request("POST", "/api/v1/events", body=event("page_view", "honest-reader"),
                         headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            stats.record(response.status == 204, what=f"{response.status} events")
        except (OSError, http.client.HTTPException) as error:
            stats.record(False, what=f"{type(error).__name__} events")
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)


def event_flood(port, stats, stop):
    """As fast as it can, a new client_id each time (from one other address: 127.0.0.2)."""
    while not stop.is_set():
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=("127.0.0.2", 0))
            for _ in range(200):
                if stop.is_set():
                    break
                conn.request("POST", "/api/v1/events", body=event("page_view", f"flood-{random.getrandbits(64):016x}"),
                             headers={"Content-Type": "application/json"})
                response = conn.getresponse()
                response.read()
                with stats.lock:
                    if response.status == 204:
                        stats.flood_accepted += 1
                    else:
                        stats.flood_refused += 1
            conn.close()
        except (OSError, http.client.HTTPException):
            time.sleep(0.1)


def slow_clients(port, count, stop):
    sockets = []
    for i in range(count):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n" if i % 2 else
                      b"POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
            sockets.append(s)
        except OSError:
            pass
    line = 0
    while not stop.wait(5):
        line += 1
        for index, s in enumerate(sockets):
            try:
                s.sendall(b"X-Trickle-%d: 1\r\n" % line if index % 2 else b" ")
            except OSError:
                s.close()
                try:
                    s = socket.create_connection(("127.0.0.1", port), timeout=5)
                    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
                    sockets[index] = s
                except OSError:
                    pass
    for s in sockets:
        s.close()


def cap_holds_across_restart(binary, db):
    """Fill a tiny daily cap, restart on the same log directory, and count what the new process accepts."""
    logs = tempfile.mkdtemp(prefix="mtm-soak-cap-")
    cap = ["--set", "events.max_bytes_per_day=2000", "--set", "events.burst=1000"]
    accepted = []
    for _ in range(2):
        server, port = start_server(binary, db, logs, cap)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        for i in range(40):
            conn.request("POST", "/api/v1/events", body=event("page_view", f"cap-client-{i:04d}"),
                         headers={"Content-Type": "application/json"})
            conn.getresponse().read()
        conn.request("GET", "/metrics")
        metrics = conn.getresponse().read().decode()
        accepted.append(next(int(float(line.split()[1])) for line in metrics.splitlines()
                             if line.startswith("mangetamain_events_accepted_total")))
        server.terminate()
        server.wait()
    size = sum(os.path.getsize(os.path.join(logs, f)) for f in os.listdir(logs) if "user_interactions" in f)
    print(f"events byte cap 2000 B/day across a restart: accepted {accepted[0]} then {accepted[1]}, "
          f"day's file {size} B   target file <= 2000 B, second process accepts 0 once full")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--interval", type=int, default=30)
    parser.add_argument("--slow", type=int, default=200)
    args = parser.parse_args()

    logs = tempfile.mkdtemp(prefix="mtm-soak-")
    server, port = start_server(args.binary, args.db, logs)
    pid = server.pid
    cached = ["/api/v1/analyses/trends.duration?lang=en", "/api/v1/summary", "/api/v1/meta"]
    browse = ["/", "/assets/js/app.js", "/assets/css/app.css", "/api/v1/analyses", *cached]
    searches = [f"/api/v1/search?q={w}" for w in ("chicken", "chocolate+cake", "vegan", "soup", "pasta")]
    stats = Stats()
    stop = threading.Event()
    threads = [threading.Thread(target=honest_client, args=(port, cached, stats, stop, True)) for _ in range(4)]
    threads += [threading.Thread(target=honest_client, args=(port, browse, stats, stop, False, 0.05))
                for _ in range(2)]
    threads += [threading.Thread(target=honest_client, args=(port, searches, stats, stop, False, 0.2))
                for _ in range(2)]
    threads += [threading.Thread(target=honest_events, args=(port, stats, stop)),
                threading.Thread(target=event_flood, args=(port, stats, stop)),
                threading.Thread(target=slow_clients, args=(port, args.slow, stop))]
    for t in threads:
        t.start()
    rss_start = rss_mb(pid)
    rss_samples, fd_max = [], 0
    print(f"soak: {args.seconds} s, 4 cached + 2 browsing + 2 search clients, honest events, an event flood, "
          f"{args.slow} slow clients; load {load()}")
    print("     t  RSS MB  fds  requests  errors  cached p99 ms  flood ok/429  load")
    start = time.time()
    while time.time() - start < args.seconds:
        time.sleep(args.interval)
        with stats.lock:
            line = (stats.requests, stats.errors, p99(stats.cached_ms), stats.flood_accepted, stats.flood_refused)
            stats.reset()
        rss, fds = rss_mb(pid), fd_count(pid)
        rss_samples.append(rss)
        fd_max = max(fd_max, fds)
        print(f"{time.time() - start:6.0f}  {rss:6.0f}  {fds:3d}  {line[0]:8d}  {line[1]:6d}  {line[2]:13.1f}  "
              f"{line[3]:5d}/{line[4]:<6d}  {load()}", flush=True)
    stop.set()
    for t in threads:
        t.join()
    server.terminate()
    server.wait()
    settled = rss_samples[len(rss_samples) // 3:] or rss_samples
    growth = (max(settled) - min(settled)) / min(settled) * 100 if settled else float("nan")
    print(f"honest clients: {stats.total_errors} errors in {stats.total_requests} requests   target 0")
    for what, count in sorted(stats.error_kinds.items()):
        print(f"  {count} x {what}")
    print(f"cached p99 over the run: {p99(stats.all_cached_ms):.1f} ms   target <= 50 ms")
    print(f"RSS: {rss_start:.0f} MB at start, {min(settled):.0f}-{max(settled):.0f} MB after the first third "
          f"({growth:.1f} % spread)   target flat within +-10 %")
    print(f"open fds at most {fd_max}")
    cap_holds_across_restart(args.binary, args.db)
    print(f"load average at the end: {load()}")


if __name__ == "__main__":
    main()
