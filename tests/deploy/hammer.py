#!/usr/bin/env python3
"""Load for the deploy test: THREADS keep-alive HTTPS clients on nginx (the test's self-signed certificate is not
verified) until STOP_FILE exists (or MAX_SECONDS pass), then one JSON line: ok, failed, the first failures.
Like tests/integration/nginx_failover_test.cpp's clients: every request must answer 200.
usage: hammer.py BASE_URL STOP_FILE [THREADS] [MAX_SECONDS]"""
import http.client
import json
import os
import ssl
import sys
import threading
import time
import urllib.parse

PATHS = ["/api/v1/summary", "/readyz", "/api/v1/meta", "/healthz"]


def main():
    base, stop_file = sys.argv[1], sys.argv[2]
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    max_seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 300
    url = urllib.parse.urlsplit(base)
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    lock = threading.Lock()
    counts = {"ok": 0, "failed": 0, "failures": []}
    deadline = time.monotonic() + max_seconds

    def client():
        conn = None
        i = 0
        while not os.path.exists(stop_file) and time.monotonic() < deadline:
            path = PATHS[i % len(PATHS)]
            i += 1
            if conn is None:
                conn = http.client.HTTPSConnection(url.hostname, url.port, context=context, timeout=20)
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                status = response.status
                error = "" if status == 200 else f"HTTP {status}"
                if response.will_close:
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as e:
                error = f"{type(e).__name__}: {e}"
                conn.close()
                conn = None
            with lock:
                if error:
                    counts["failed"] += 1
                    if len(counts["failures"]) < 5:
                        counts["failures"].append(f"{time.strftime('%H:%M:%S')} {path}: {error}")
                else:
                    counts["ok"] += 1
        if conn is not None:
            conn.close()

    workers = [threading.Thread(target=client) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(json.dumps(counts), flush=True)


if __name__ == "__main__":
    main()
