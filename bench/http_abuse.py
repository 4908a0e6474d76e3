#!/usr/bin/env python3
"""Abuse figures of the HTTP core against a running `mangetamain serve` (the issue #16 targets).

Usage: bench/http_abuse.py --base http://127.0.0.1:PORT --pid PID [--trickle 1000] [--stalled 64] [--seconds 30]

Prints, each with its target: /healthz p99 while N connections trickle a header line every 5 s and M POST bodies
stall, the errors of a browsing client meanwhile, the time and RSS growth of a request with 2,000,000 headers.
Loopback only; every socket it opens is closed before it returns.
"""
import argparse
import socket
import statistics
import threading
import time
import urllib.parse
import urllib.request

from procstat import rss_mb


def p99(samples):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else float("nan")


def timed_get(url, timeout=10):
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            ok = response.status == 200
    except Exception:  # noqa: BLE001 - any failure is an error for the figure
        ok = False
    return (time.perf_counter() - start) * 1000, ok


def slow_clients(host, port, trickle, stalled, seconds, stop):
    sockets = []
    for i in range(trickle + stalled):
        try:
            s = socket.create_connection((host, port), timeout=5)
        except OSError:
            continue
        if i < trickle:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        else:
            s.sendall(b"POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
        sockets.append((i < trickle, s))
    line = 0
    while not stop.wait(5):
        line += 1
        for index, (trickling, s) in enumerate(sockets):
            try:
                if trickling:
                    s.sendall(b"X-Trickle-%d: 1\r\n" % line)
                else:
                    s.sendall(b" ")
            except OSError:
                # Closed at its deadline: the attacker comes back at once with a new connection.
                s.close()
                try:
                    s = socket.create_connection((host, port), timeout=5)
                    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n" if trickling else
                              b"POST /api/v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
                    sockets[index] = (trickling, s)
                except OSError:
                    pass
    for _, s in sockets:
        s.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--trickle", type=int, default=1000)
    parser.add_argument("--stalled", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=30)
    args = parser.parse_args()
    url = urllib.parse.urlparse(args.base)
    host, port = url.hostname, url.port

    stop = threading.Event()
    slow = threading.Thread(target=slow_clients, args=(host, port, args.trickle, args.stalled, args.seconds, stop))
    slow.start()
    time.sleep(2)
    health, browse_errors, browse = [], 0, 0
    pages = ["/", "/api/v1/analyses", "/api/v1/summary", "/assets/js/app.js", "/api/v1/meta"]
    deadline = time.time() + args.seconds
    while time.time() < deadline:
        ms, ok = timed_get(args.base + "/healthz")
        health.append(ms if ok else 10000)
        for page in pages:
            _, ok = timed_get(args.base + page)
            browse += 1
            browse_errors += 0 if ok else 1
        time.sleep(0.05)
    stop.set()
    slow.join()
    print(f"slow clients: {args.trickle} trickling a header line every 5 s + {args.stalled} stalled POST bodies, "
          f"{args.seconds} s")
    print(f"  /healthz p50 {statistics.median(health):.1f} ms, p99 {p99(health):.1f} ms over {len(health)}"
          f"   target p99 <= 50 ms")
    print(f"  browsing client: {browse_errors} errors in {browse} requests   target 0")

    before = rss_mb(args.pid)
    start = time.perf_counter()
    s = socket.create_connection((host, port), timeout=10)
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
    chunk = b"X-Many: 1\r\n" * 1000
    sent = 0
    try:
        for _ in range(2000):
            s.sendall(chunk)
            sent += 1000
    except OSError:
        pass
    answer = b""
    try:
        answer = s.recv(200)
    except OSError:
        pass
    refused_ms = (time.perf_counter() - start) * 1000
    s.close()
    time.sleep(0.5)
    status = answer.split(b"\r\n", 1)[0].decode(errors="replace") or "(connection closed)"
    print(f"2,000,000 headers: {status} after {refused_ms:.0f} ms ({sent} headers sent before the server stopped "
          f"reading), RSS {before:.0f} -> {rss_mb(args.pid):.0f} MB   target refused within 1 s, RSS +<= 20 MB")


if __name__ == "__main__":
    main()
