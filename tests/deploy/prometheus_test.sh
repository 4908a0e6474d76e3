#!/usr/bin/env bash
# ctest deploy.prometheus: the monitoring files of deploy/prometheus/ with the tools of Debian's packages
# (prometheus: promtool; prometheus-alertmanager: amtool; prometheus-blackbox-exporter):
#   promtool check config / check rules, promtool test rules (each alert fires on a synthetic series),
#   every alert of the rules has a firing case in the unit test and a runbook section in docs/operations.md,
#   amtool check-config and the routes (critical or PROD -> e-mail and chat, the rest -> chat),
#   the blackbox exporter's module file.
# usage: prometheus_test.sh SOURCE_DIR
set -euo pipefail
source_dir=${1:?usage: prometheus_test.sh SOURCE_DIR}
dir=$source_dir/deploy/prometheus
checks=0
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
ok() {
  checks=$((checks + 1))
  echo "ok $checks - $*"
}
need() {
  command -v "$1" >/dev/null ||
    fail "$1 is missing: apt-get install $2 (Debian 12; scripts/bootstrap.sh installs it for the tests)"
}
need promtool prometheus
need amtool prometheus-alertmanager
need prometheus-blackbox-exporter prometheus-blackbox-exporter

out=$(promtool check config "$dir/prometheus.yml" 2>&1) || fail "promtool check config: $out"
ok "promtool check config prometheus.yml"
out=$(promtool check rules "$dir/mangetamain.rules.yml" 2>&1) || fail "promtool check rules: $out"
ok "promtool check rules mangetamain.rules.yml ($(grep -o '[0-9]* rules found' <<<"$out"))"
out=$(cd "$dir" && promtool test rules mangetamain.rules.test.yml 2>&1) || fail "promtool test rules: $out"
ok "promtool test rules mangetamain.rules.test.yml"

# Each alert: a test case where it fires (non-empty exp_alerts) and a runbook in docs/operations.md.
python3 - "$dir" "$source_dir/docs/operations.md" <<'PY' || fail "alert coverage (see above)"
import re, sys, yaml
directory, operations = sys.argv[1], sys.argv[2]
rules = yaml.safe_load(open(f"{directory}/mangetamain.rules.yml"))
alerts = [r["alert"] for g in rules["groups"] for r in g["rules"] if "alert" in r]
tests = yaml.safe_load(open(f"{directory}/mangetamain.rules.test.yml"))
fired = {c["alertname"] for t in tests["tests"] for c in t.get("alert_rule_test", []) if c.get("exp_alerts")}
docs = open(operations).read()
anchors = {re.sub(r"[^a-z0-9 -]", "", h.strip().lower()).replace(" ", "-") for h in re.findall(r"^#+ (.*)$", docs, re.M)}
problems = [f"{a}: never fires in mangetamain.rules.test.yml" for a in alerts if a not in fired]
problems += [f"{a}: no '#### {a}' runbook in docs/operations.md" for a in alerts if a.lower() not in anchors]
for r in (r for g in rules["groups"] for r in g["rules"] if "alert" in r):
    if r.get("annotations", {}).get("runbook", "").split("#")[-1] not in anchors:
        problems.append(f"{r['alert']}: its runbook annotation points to no section of docs/operations.md")
for p in problems:
    print(f"FAIL: {p}", file=sys.stderr)
if problems:
    sys.exit(1)
print(f"  {len(alerts)} alerts: {', '.join(alerts)}")
PY
ok "every alert fires in the unit test and has a runbook section"

out=$(amtool check-config "$dir/alertmanager.yml" 2>&1) || fail "amtool check-config: $out"
ok "amtool check-config alertmanager.yml"
route() {
  amtool config routes test --config.file="$dir/alertmanager.yml" "$@" 2>/dev/null
}
[[ $(route severity=critical env=preprod alertname=MangetamainInstanceDown) == email-and-chat ]] || fail "critical not e-mailed"
[[ $(route severity=warning env=prod alertname=MangetamainReloadFailed) == email-and-chat ]] || fail "PROD warning not e-mailed"
[[ $(route severity=warning env=preprod alertname=MangetamainReloadFailed) == chat ]] || fail "PREPROD warning not to chat"
ok "alertmanager routes: critical or PROD -> e-mail and chat, PREPROD warnings -> chat"

out=$(prometheus-blackbox-exporter --config.check --config.file="$dir/blackbox.yml" 2>&1) || fail "blackbox.yml: $out"
for module in $(grep -oE 'module: \[[a-z_0-9]+\]' "$dir/prometheus.yml" | grep -oE '[a-z_0-9]+\]' | tr -d ']'); do
  grep -qE "^  $module:" "$dir/blackbox.yml" || fail "prometheus.yml uses blackbox module $module, not in blackbox.yml"
done
ok "blackbox.yml valid, every module prometheus.yml asks for exists"
echo "prometheus test: $checks checks passed"
