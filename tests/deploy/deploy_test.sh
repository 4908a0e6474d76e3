#!/usr/bin/env bash
# ctest deploy.rollout: deploy/deploy.sh on loopback, as the current user, with plain processes as the service
# manager (--service-manager process) and Debian's nginx running deploy/nginx/mangetamain.conf in front of two PROD
# replicas (ports and certificate substituted, IPv6 listeners removed, as in
# tests/integration/nginx_failover_test.cpp). Under load from keep-alive HTTPS clients on nginx (tests/deploy/hammer.py):
#   1. a good release rolls out, one replica at a time, and not a single request fails;
#   2. PROD without --yes and without a terminal is refused, nothing changes;
#   3. a release whose binary never becomes ready is rolled back (exit 1), the old release keeps serving, no request
#      fails;
#   4. deploy.sh rollback puts both replicas back on the release before;
#   5. a backup taken by a deploy is restored: configuration, database and releases are back, no request fails;
#   6. with --service-manager systemd, it calls systemctl restart mangetamain@INSTANCE in order (a stand-in
#      systemctl: no systemd in the test);
#   7. the metric names of deploy/prometheus/mangetamain.rules.yml are exported by the running server (except the
#      proposed ones listed below).
# usage: deploy_test.sh MANGETAMAIN_BINARY
set -euo pipefail

binary=$(realpath "${1:?usage: deploy_test.sh MANGETAMAIN_BINARY}")
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
deploy=$source_dir/deploy/deploy.sh
nginx=/usr/sbin/nginx
lib=$source_dir/node_modules/@duckdb/node-bindings-linux-x64/libduckdb.so
# Metrics the alert rules use that the server does not export yet (proposed in docs/operations.md, "Alerts").
proposed_metrics=""

checks=0
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
ok() {
  checks=$((checks + 1))
  echo "ok $checks - $*"
}

[[ -x $nginx ]] || fail "nginx is missing: run scripts/bootstrap.sh"
[[ -f $lib ]] || fail "$lib is missing: run scripts/bootstrap.sh"
for tool in curl openssl python3; do command -v "$tool" >/dev/null || fail "$tool is missing"; done

tmp_root=${MTM_TEST_TMP:-${TMPDIR:-/tmp}}
mkdir -p "$tmp_root"
t=$(mktemp -d "$tmp_root/deploy-test.XXXXXX")
nginx_pid=
hammer_pid=

# Stops every process this test started: the hammer, nginx and the replicas (pid files of the process manager).
cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  touch "$t/stop-hammer"
  [[ -n $hammer_pid ]] && kill "$hammer_pid" 2>/dev/null && wait "$hammer_pid" 2>/dev/null
  [[ -n $nginx_pid ]] && kill -QUIT "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  local pidfile pid
  for pidfile in "$t"/opt/run/*.pid "$t"/bad.pid; do
    [[ -f $pidfile ]] || continue
    pid=$(<"$pidfile")
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pidfile in "$t"/opt/run/*.pid "$t"/bad.pid; do
    [[ -f $pidfile ]] || continue
    pid=$(<"$pidfile")
    for _ in $(seq 100); do
      if ! kill -0 "$pid" 2>/dev/null || [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) == Z ]]; then break; fi
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if ((rc == 0)); then
    rm -rf "$t"
  else
    echo "deploy test: files kept in $t (replica consoles in $t/opt/run/*.out, nginx in $t/nginx/error.log)" >&2
  fi
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# --- a database, two PROD replicas' env files ------------------------------------------------------------------
mkdir -p "$t/etc" "$t/data" "$t/nginx/tmp"
"$binary" generate --out "$t/raw" --scale 0.01 --seed 7 >"$t/generate.log" 2>&1 || fail "generate: $(tail -3 "$t/generate.log")"
"$binary" ingest --raw-dir "$t/raw" --db "$t/data/shared.duckdb" >"$t/ingest.log" 2>&1 || fail "ingest: $(tail -3 "$t/ingest.log")"
port_a=$(free_port)
port_b=$(free_port)
while [[ $port_b == "$port_a" ]]; do port_b=$(free_port); done
for instance in prod prod-2; do
  port=$port_a
  [[ $instance == prod-2 ]] && port=$port_b
  cat >"$t/etc/$instance.env" <<EOF
APP_ENV=prod
MANGETAMAIN_HOST=127.0.0.1
MANGETAMAIN_PORT=$port
MANGETAMAIN_DB=$t/data/shared.duckdb
MANGETAMAIN_SERVER_THREADS=4
MANGETAMAIN_SERVER_ACCESS_LOG=false
EOF
done
cp -a "$t/etc" "$t/etc.orig"
db_sha=$(sha256sum <"$t/data/shared.duckdb")

# Everything deploy.sh needs to work in the test's directory, with plain processes; one readiness check a second.
# --settle 5 > the fail_timeout of 4 s substituted below in nginx's upstream (10 s in production, --settle 12).
common=(--root "$t/opt" --etc "$t/etc" --state-dir "$t/state" --service-manager process --lib "$lib"
  --interval 1 --deadline 90 --settle 5 --keep 3)

# --- release r1: the first install ------------------------------------------------------------------------------
"$deploy" prod --yes "${common[@]}" --settle 0 --binary "$binary" --name r1 >"$t/r1.log" 2>&1 ||
  fail "first deploy (r1): $(cat "$t/r1.log")"
[[ $(readlink "$t/opt/prod/current") == ../releases/r1 && $(readlink "$t/opt/prod-2/current") == ../releases/r1 ]] ||
  fail "r1 not current: $(cat "$t/r1.log")"
for port in "$port_a" "$port_b"; do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || fail "replica on $port not ready after r1"
done
identity_r1=$(curl -fsS "http://127.0.0.1:$port_a/readyz" | sed -n 's/.*"identity":"\([^"]*\)".*/\1/p')
ok "first release r1 installed and both replicas ready"

# --- nginx in front, as in nginx_failover_test ---------------------------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout "$t/nginx/key.pem" \
  -out "$t/nginx/cert.pem" >"$t/nginx/openssl.log" 2>&1 || fail "openssl: $(cat "$t/nginx/openssl.log")"
https_port=$(free_port)
http_port=$(free_port)
preprod_port=$(free_port)
substitute() {
  grep -qF -- "$1" "$t/nginx/site.conf" || fail "'$1' no longer appears in deploy/nginx/mangetamain.conf"
  sed -i "s#$1#$2#g" "$t/nginx/site.conf"
}
sed '/listen \[::\]:/d' "$source_dir/deploy/nginx/mangetamain.conf" >"$t/nginx/site.conf"
substitute "listen 443 ssl" "listen 127.0.0.1:$https_port ssl"
substitute "listen 80;" "listen 127.0.0.1:$http_port;"
substitute "127.0.0.1:8501" "127.0.0.1:$port_a"
substitute "127.0.0.1:8511" "127.0.0.1:$port_b"
substitute "127.0.0.1:8500" "127.0.0.1:$preprod_port"
substitute "/etc/ssl/mangetamain/fullchain.pem" "$t/nginx/cert.pem"
substitute "/etc/ssl/mangetamain/privkey.pem" "$t/nginx/key.pem"
substitute "fail_timeout=10s" "fail_timeout=4s"
{
  echo "daemon off; worker_processes 1; pid $t/nginx/nginx.pid; error_log $t/nginx/error.log warn;"
  # As root, nginx would switch workers to nobody, who cannot enter the test's directories.
  [[ $(id -u) == 0 ]] && echo "user root;"
  echo "events { worker_connections 256; }"
  echo "http { access_log $t/nginx/access.log; client_body_temp_path $t/nginx/tmp/body;"
  echo "  proxy_temp_path $t/nginx/tmp/proxy; fastcgi_temp_path $t/nginx/tmp/fastcgi;"
  echo "  uwsgi_temp_path $t/nginx/tmp/uwsgi; scgi_temp_path $t/nginx/tmp/scgi; include $t/nginx/site.conf; }"
} >"$t/nginx/nginx.conf"
$nginx -t -q -p "$t/nginx" -e "$t/nginx/error.log" -c "$t/nginx/nginx.conf" >"$t/nginx/check.log" 2>&1 ||
  fail "nginx -t: $(cat "$t/nginx/check.log")"
$nginx -p "$t/nginx" -e "$t/nginx/error.log" -c "$t/nginx/nginx.conf" >"$t/nginx/nginx.out" 2>&1 &
nginx_pid=$!
base=https://127.0.0.1:$https_port
for _ in $(seq 100); do
  curl -ksf "$base/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -ksf "$base/readyz" >/dev/null || fail "nginx does not answer: $(cat "$t/nginx/error.log")"

# Starts the load; stop_hammer waits for its summary and checks that every request succeeded.
start_hammer() {
  rm -f "$t/stop-hammer"
  python3 "$source_dir/tests/deploy/hammer.py" "$base" "$t/stop-hammer" 2 240 >"$t/hammer-$1.json" &
  hammer_pid=$!
  # Traffic flows before the deploy starts.
  for _ in $(seq 200); do
    curl -ksf "$base/healthz" >/dev/null && break
  done
  sleep 1
}
stop_hammer() {
  touch "$t/stop-hammer"
  wait "$hammer_pid" || fail "the load client failed"
  hammer_pid=
  python3 - "$t/hammer-$1.json" "$1" <<'PY' || fail "requests failed through nginx during '$1': $(cat "$t/hammer-$1.json"); nginx: $(tail -5 "$t/nginx/error.log")"
import json, sys
counts = json.load(open(sys.argv[1]))
print(f"  load during {sys.argv[2]}: {counts['ok']} requests answered 200, {counts['failed']} failed")
sys.exit(1 if counts["failed"] or counts["ok"] < 20 else 0)
PY
}

release_pid_exe() {
  readlink "/proc/$(cat "$t/opt/run/$1.pid")/exe"
}

# --- 1. a good release under load --------------------------------------------------------------------------------
pid_b_before=$(cat "$t/opt/run/prod-2.pid")
start_hammer r2
"$deploy" prod --yes "${common[@]}" --binary "$binary" --name r2 >"$t/r2.log" 2>&1 || fail "deploy r2 failed: $(cat "$t/r2.log")"
stop_hammer r2
sed 's/^/  | /' "$t/r2.log"
for instance in prod prod-2; do
  [[ $(readlink "$t/opt/$instance/current") == ../releases/r2 ]] || fail "$instance: current is not r2"
  [[ $(readlink "$t/opt/$instance/previous") == ../releases/r1 ]] || fail "$instance: previous is not r1"
  [[ $(release_pid_exe "$instance") == "$t/opt/releases/r2/bin/mangetamain" ]] ||
    fail "$instance runs $(release_pid_exe "$instance"), not r2"
done
[[ $(cat "$t/opt/run/prod-2.pid") != "$pid_b_before" ]] || fail "prod-2 was not restarted"
grep -q "done: release r2 serves on prod prod-2" "$t/r2.log" || fail "no summary line in: $(cat "$t/r2.log")"
backup_r2=$(sed -n 's/^deploy prod: backup \([^:]*\): .*/\1/p' "$t/r2.log")
[[ -n $backup_r2 && -f $backup_r2/MANIFEST ]] || fail "no backup named in the output"
ok "good release r2 rolled out on both replicas, one at a time, without a failed request"

# --- 2. PROD needs a confirmation --------------------------------------------------------------------------------
rc=0
"$deploy" prod "${common[@]}" --binary "$binary" --name r2b </dev/null >"$t/refused.log" 2>&1 || rc=$?
((rc == 2)) || fail "PROD without --yes nor a terminal: exit $rc, expected 2: $(cat "$t/refused.log")"
grep -q "needs a confirmation" "$t/refused.log" || fail "no confirmation message: $(cat "$t/refused.log")"
[[ $(readlink "$t/opt/prod/current") == ../releases/r2 ]] || fail "a refused deploy changed the current release"
[[ ! -e $t/opt/releases/r2b ]] || fail "a refused deploy installed its release"
ok "PROD without --yes and without a terminal is refused (exit 2), nothing changes"

# --- 3. a release that never becomes ready is rolled back ------------------------------------------------------
# Its binary answers --version like the real one, then never listens.
cat >"$t/bad-mangetamain" <<EOF
#!/bin/sh
if [ "\$1" = --version ]; then exec "$binary" --version; fi
echo \$\$ >"$t/bad.pid"
exec sleep 600
EOF
chmod +x "$t/bad-mangetamain"
pid_b_before=$(cat "$t/opt/run/prod-2.pid")
start_hammer r3
rc=0
"$deploy" prod --yes "${common[@]}" --deadline 12 --binary "$t/bad-mangetamain" --name r3-bad >"$t/r3.log" 2>&1 || rc=$?
stop_hammer r3
sed 's/^/  | /' "$t/r3.log"
((rc == 1)) || fail "deploy of a release that never becomes ready: exit $rc, expected 1: $(cat "$t/r3.log")"
grep -q "ROLLED BACK" "$t/r3.log" || fail "no ROLLED BACK line"
for instance in prod prod-2; do
  [[ $(readlink "$t/opt/$instance/current") == ../releases/r2 ]] || fail "$instance: current is not back on r2"
  [[ $(release_pid_exe "$instance") == "$t/opt/releases/r2/bin/mangetamain" ]] || fail "$instance does not run r2"
  [[ $(readlink "$t/opt/$instance/previous") == ../releases/r1 ]] || fail "$instance: previous changed: $(readlink "$t/opt/$instance/previous")"
done
[[ $(cat "$t/opt/run/prod-2.pid") == "$pid_b_before" ]] || fail "prod-2 was restarted although prod failed first"
[[ -f $t/bad.pid ]] || fail "the bad release never ran"
bad_pid=$(<"$t/bad.pid")
if kill -0 "$bad_pid" 2>/dev/null && [[ $(awk '{print $3}' "/proc/$bad_pid/stat") != Z ]]; then
  fail "the bad release's process $bad_pid is still running"
fi
curl -ksf "$base/api/v1/summary" >/dev/null || fail "nginx does not serve after the rollback"
for line in "deploy prod release=r2 backup=[^ ]+: ok" "deploy prod release=r3-bad backup=[^ ]+: rolled back"; do
  grep -qE " $line\$" "$t/opt/deploy.log" || fail "no '$line' in the history: $(cat "$t/opt/deploy.log")"
done
ok "release r3-bad failed its readiness and was rolled back (exit 1); r2 kept serving without a failed request"

backup_r3=$(sed -n 's/^deploy prod: backup \([^:]*\): .*/\1/p' "$t/r3.log")
[[ -n $backup_r3 && -f $backup_r3/MANIFEST && $backup_r3 != "$backup_r2" ]] || fail "no new backup named in the output"

# --- 4. the rollback command: back to the previous release -------------------------------------------------------
start_hammer rollback
"$deploy" rollback prod --yes "${common[@]}" >"$t/rollback.log" 2>&1 || fail "rollback failed: $(cat "$t/rollback.log")"
stop_hammer rollback
sed 's/^/  | /' "$t/rollback.log"
for instance in prod prod-2; do
  [[ $(readlink "$t/opt/$instance/current") == ../releases/r1 ]] || fail "$instance: current is not r1 after rollback"
  [[ $(readlink "$t/opt/$instance/previous") == ../releases/r2 ]] || fail "$instance: previous is not r2 after rollback"
  [[ $(release_pid_exe "$instance") == "$t/opt/releases/r1/bin/mangetamain" ]] || fail "$instance does not run r1"
done
ok "deploy.sh rollback prod: both replicas back on r1 without a failed request, r2 becomes the one to roll back to"

# --- 5. the backup taken before r3 is restored ---------------------------------------------------------------
grep -q "^instance.prod.release=r2$" "$backup_r3/MANIFEST" || fail "backup manifest: $(cat "$backup_r3/MANIFEST")"
echo "MANGETAMAIN_SERVER_SLOW_REQUEST_MS=5" >>"$t/etc/prod.env"
echo "damaged" >"$t/etc/prod-2.env.bak"
# The running replicas keep their open file; the restore puts a new one in place.
rm -f "$t/data/shared.duckdb"
start_hammer restore
"$deploy" restore prod "$backup_r3" --yes "${common[@]}" >"$t/restore.log" 2>&1 || fail "restore failed: $(cat "$t/restore.log")"
stop_hammer restore
sed 's/^/  | /' "$t/restore.log"
diff -r "$t/etc.orig" "$t/etc" -x prod-2.env.bak >/dev/null || fail "configuration not restored: $(diff -r "$t/etc.orig" "$t/etc")"
[[ $(sha256sum <"$t/data/shared.duckdb") == "$db_sha" ]] || fail "database not restored"
for instance in prod prod-2; do
  [[ $(readlink "$t/opt/$instance/current") == ../releases/r2 ]] || fail "$instance: current is not r2 after the restore"
  [[ $(release_pid_exe "$instance") == "$t/opt/releases/r2/bin/mangetamain" ]] || fail "$instance does not run r2"
done
identity=$(curl -fsS "http://127.0.0.1:$port_b/readyz" | sed -n 's/.*"identity":"\([^"]*\)".*/\1/p')
[[ -n $identity && $identity == "$identity_r1" ]] || fail "dataset identity after restore '$identity', before '$identity_r1'"
ok "backup restored: configuration, database (same identity) and release r2 back, no failed request"

# --- 6. the systemd service manager restarts mangetamain@INSTANCE, in order --------------------------------------
# A stand-in for systemctl that records its arguments (no systemd here); the replicas already answer, so each is
# ready at once with the release's commit.
cat >"$t/systemctl" <<EOF
#!/bin/sh
echo "\$*" >>"$t/systemctl.log"
EOF
chmod +x "$t/systemctl"
"$deploy" prod --yes "${common[@]}" --service-manager systemd --systemctl "$t/systemctl" --settle 0 \
  --release @prod --keep 2 >"$t/systemd.log" 2>&1 || fail "systemd deploy: $(cat "$t/systemd.log")"
sed 's/^/  | /' "$t/systemd.log"
[[ $(cat "$t/systemctl.log") == "restart mangetamain@prod.service"$'\n'"restart mangetamain@prod-2.service" ]] ||
  fail "systemctl calls: $(cat "$t/systemctl.log")"
ok "--service-manager systemd: systemctl restart mangetamain@prod.service, then mangetamain@prod-2.service"
# --keep 2: the failed release goes first; r1 and r2 stay (r2 serves, r1 is the other one kept).
[[ ! -e $t/opt/releases/r3-bad && -d $t/opt/releases/r1 && -d $t/opt/releases/r2 ]] ||
  fail "pruning with --keep 2: $(ls "$t/opt/releases")"
grep -q "releases kept: 2 (--keep 2); removed: r3-bad" "$t/systemd.log" || fail "no pruning line"
ok "--keep 2 removes the rolled-back release first and keeps r1 and r2"

# --- 7. the alert rules use metrics the server exports ---------------------------------------------------------
curl -fsS "http://127.0.0.1:$port_a/metrics" >"$t/metrics.txt" || fail "no /metrics"
missing=()
while IFS= read -r metric; do
  base_metric=$(sed -E 's/_(bucket|count|sum)$//' <<<"$metric")
  grep -qE "^# TYPE $base_metric " "$t/metrics.txt" && continue
  [[ " $proposed_metrics " == *" $metric "* ]] && continue
  missing+=("$metric")
done < <(grep -oE '\bmangetamain_[a-z0-9_]+' "$source_dir/deploy/prometheus/mangetamain.rules.yml" | sort -u)
((${#missing[@]} == 0)) || fail "alert rules use metrics the server does not export: ${missing[*]}"
for metric in $proposed_metrics; do
  if grep -qE "^# TYPE $metric " "$t/metrics.txt"; then
    fail "$metric is exported now: remove it from proposed_metrics in tests/deploy/deploy_test.sh"
  fi
done
ok "every mangetamain_* metric of the alert rules is exported by the server${proposed_metrics:+ (proposed, not yet: $proposed_metrics)}"

echo "deploy test: $checks checks passed"
