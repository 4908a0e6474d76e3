#!/usr/bin/env bash
# Installs the dependencies of Mangetamain Analytics on Debian 12 (x86-64).
#   scripts/bootstrap.sh          what `make run` needs: compiler, libraries, the front-end assets and DuckDB
#   scripts/bootstrap.sh --test   the same plus every test, lint, fuzz and bench tool (`make test`, `make bench`)
# First it checks what it cannot install itself (x86-64, Node.js >= 20, sudo when not root) and stops with one line.
# Services installed by it (nginx, prometheus and its alertmanager and blackbox exporter) are never started:
# the tests run their own instances.
# Idempotent: a second run installs nothing and takes about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="serve"
case ${1:-} in
  "") ;;
  --test) mode="test" ;;
  *) echo "usage: scripts/bootstrap.sh [--test]" >&2; exit 2 ;;
esac

fail() { echo "bootstrap: $*" >&2; exit 1; }

# ---- what this script cannot install ----
arch=$(uname -m)
[[ $arch == x86_64 ]] ||
  fail "needs an x86-64 machine (the prebuilt DuckDB library is linux-x64); this one is $arch"
node_version=$(node --version 2>/dev/null || true)
node_major=${node_version#v}
node_major=${node_major%%.*}
if [[ ! $node_major =~ ^[0-9]+$ ]] || ((node_major < 20)); then
  fail "needs Node.js >= 20 with npm (found ${node_version:-no node}; Debian 12's own nodejs is 18): install Node.js 20 or later from the Node.js project's packages, then run this again"
fi
command -v npm >/dev/null || fail "needs npm (it comes with Node.js ${node_version}): install it, then run this again"

# ---- apt ----
SERVE_PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates python3
  libspdlog-dev libfmt-dev nlohmann-json3-dev libcli11-dev libboost-dev
  libcurl4-openssl-dev zlib1g-dev libssl-dev libzip-dev libstemmer-dev libicu-dev
)
TEST_PACKAGES=(
  googletest libgtest-dev libgmock-dev libbenchmark-dev libcpp-httplib-dev
  python3-scipy python3-statsmodels python3-numpy
  chromium awscli nginx openssl curl
  prometheus prometheus-alertmanager prometheus-blackbox-exporter python3-yaml shellcheck
  gcovr clang clang-format clang-tidy cppcheck time wrk
)
packages=("${SERVE_PACKAGES[@]}")
[[ $mode == test ]] && packages+=("${TEST_PACKAGES[@]}")

# One dpkg-query for all of them; a package never installed is not listed at all.
declare -A installed=()
while read -r name status; do
  [[ $status == installed ]] && installed[$name]=1
done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${packages[@]}" 2>/dev/null || true)
missing=()
for pkg in "${packages[@]}"; do
  [[ -n ${installed[$pkg]:-} ]] || missing+=("$pkg")
done

if ((${#missing[@]})); then
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null ||
      fail "needs root or sudo to install: ${missing[*]} (install sudo, or run this as root)"
    SUDO=(sudo)
  fi
  echo "bootstrap: installing apt packages: ${missing[*]}"
  # No service may start on install (nginx would take port 80): a policy-rc.d answering 101 ("action
  # forbidden") for the duration, removed afterwards even on failure, unless one was there already.
  policy=/usr/sbin/policy-rc.d
  created_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\n# Written by mangetamain scripts/bootstrap.sh while it installs packages.\nexit 101\n' |
      "${SUDO[@]}" tee "$policy" >/dev/null
    "${SUDO[@]}" chmod 755 "$policy"
    created_policy=1
  fi
  cleanup() { if ((created_policy)); then "${SUDO[@]}" rm -f "$policy"; fi; }
  trap cleanup EXIT
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  cleanup
  trap - EXIT
  # With systemd, the services just installed would still start at the next boot: disable them (only those this
  # run installed; a service the machine already had is left as it was).
  if [[ -d /run/systemd/system ]]; then
    for service in nginx prometheus prometheus-alertmanager prometheus-blackbox-exporter; do
      if [[ " ${missing[*]} " == *" $service "* ]]; then
        "${SUDO[@]}" systemctl disable --now "$service" >/dev/null 2>&1 || true
      fi
    done
  fi
fi

# ---- npm: pinned by package-lock.json; install scripts never run (DuckDB comes as a plain prebuilt file) ----
# The serving set omits the devDependencies (playwright-core, s3rver); the marker records what is installed.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
marker=node_modules/.bootstrap-lock
have=$(cat "$marker" 2>/dev/null || true)
if [[ $have != "$lock_hash test" && ! ($mode == serve && $have == "$lock_hash serve") ]]; then
  echo "bootstrap: installing npm packages ($mode set)"
  if [[ $mode == test ]]; then
    npm ci --ignore-scripts --no-audit --no-fund
  else
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund
  fi
  echo "$lock_hash $mode" >"$marker"
fi

test -f node_modules/@duckdb/node-bindings-linux-x64/libduckdb.so || fail "libduckdb.so missing after npm ci"
echo "bootstrap: ok ($mode set)"
