#!/usr/bin/env bash
# Installs every build, run and test dependency of Mangetamain Analytics on Debian 12.
# Idempotent: a second run installs nothing and takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libcpp-httplib-dev libspdlog-dev libfmt-dev nlohmann-json3-dev libcli11-dev libboost-dev
  libcurl4-openssl-dev zlib1g-dev libssl-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  python3-scipy python3-statsmodels python3-numpy
  nodejs npm chromium awscli nginx openssl
  gcovr clang clang-format clang-tidy cppcheck time wrk
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
# node and npm may come from outside Debian (e.g. a preinstalled Node.js); accept those.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for pkg in "${missing[@]}"; do
    [[ "$pkg" == nodejs || "$pkg" == npm ]] || filtered+=("$pkg")
  done
  missing=("${filtered[@]}")
fi

if ((${#missing[@]})); then
  echo "bootstrap: installing apt packages: ${missing[*]}"
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages are pinned by package-lock.json; scripts never run (prebuilt DuckDB comes as a plain file).
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f node_modules/.bootstrap-lock || "$(cat node_modules/.bootstrap-lock)" != "$lock_hash" ]]; then
  echo "bootstrap: installing npm packages"
  npm ci --ignore-scripts --no-audit --no-fund
  echo "$lock_hash" > node_modules/.bootstrap-lock
fi

test -f node_modules/duckdb/src/duckdb/src/include/duckdb.h || { echo "bootstrap: duckdb.h missing" >&2; exit 1; }
test -f node_modules/@duckdb/node-bindings-linux-x64/libduckdb.so || { echo "bootstrap: libduckdb.so missing" >&2; exit 1; }
echo "bootstrap: ok"
