#!/usr/bin/env bash
# One-command release of Mangetamain Analytics on a host (docs/operations.md, "Release"):
#
#   deploy/deploy.sh [options] ENV                 install the built binary as a new release and roll it out
#   deploy/deploy.sh [options] rollback ENV        put ENV's instances back on the release they ran before
#   deploy/deploy.sh [options] restore ENV BACKUP  put back a backup (configuration, database, release) and restart
#   deploy/deploy.sh [options] status ENV          the release and readiness of each instance, the releases kept
#
# ENV is prod or preprod; its instances are the env files ENV.env and ENV-*.env of the configuration directory
# (/etc/mangetamain/prod.env -> mangetamain@prod, prod-2.env -> mangetamain@prod-2), each with its port.
#
# Layout (ROOT, default /opt/mangetamain):
#   ROOT/releases/<name>/bin/mangetamain, lib/libduckdb.so, RELEASE   one directory per release, never modified
#   ROOT/<instance>/current -> ../releases/<name>                       what the instance runs (the unit's ExecStart)
#   ROOT/<instance>/previous -> ../releases/<name>                      what it ran before (manual and automatic rollback)
#   ROOT/backups/<env>-<UTC time>/                                      taken before anything is touched
#   ROOT/deploy.log                                                     one line per deploy, rollback or restore
#   ROOT/failed-releases                                                releases rolled back: pruned first
#
# A deploy: installs the release side by side with the previous ones; backs up the configuration directory, each
# instance's database file (or, for an s3:// source, its identity: URL, ETags of the cached objects, /readyz) and
# the releases in service; then, one instance at a time, switches its `current` link, restarts it and waits for
# its /readyz (retries every --interval seconds until --deadline); after each restart (when ENV has more than one
# instance) it waits --settle seconds so that the balancer (nginx, passive checks: fail_timeout) sends traffic to the
# restarted one again before another one stops. If an instance does not become ready, every instance already switched is put back on its
# previous release (link, restart, health check) and the command exits 1. The last --keep releases are kept (and
# any release an instance still runs or would roll back to). PROD asks for confirmation; --yes skips it.
#
# Exit codes: 0 done; 1 rolled back (the previous release serves); 2 usage error or refused; 3 a rollback or a
# restore could not make an instance ready (act now: docs/operations.md, "Roll back by hand").
set -uo pipefail

prog=deploy
root=${MTM_DEPLOY_ROOT:-/opt/mangetamain}
etc_dir=${MTM_DEPLOY_ETC:-/etc/mangetamain}
state_dir=${MTM_DEPLOY_STATE:-/var/lib/mangetamain}
manager=${MTM_DEPLOY_MANAGER:-systemd}
run_dir=
backup_root=
instances_opt=
binary=
lib=
name=
release_opt=
keep=${MTM_DEPLOY_KEEP:-5}
deadline=${MTM_DEPLOY_DEADLINE:-180}
interval=${MTM_DEPLOY_INTERVAL:-2}
settle=${MTM_DEPLOY_SETTLE:-12}
stop_timeout=30
# Not root (a CI runner's user): through sudo, without a password (docs/operations.md, "Release").
systemctl="systemctl"
((EUID == 0)) || systemctl="sudo -n systemctl"
assume_yes=0
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(dirname "$script_dir")

usage() {
  cat <<EOF
usage: deploy/deploy.sh [options] ENV
       deploy/deploy.sh [options] rollback ENV
       deploy/deploy.sh [options] restore ENV BACKUP_DIR
       deploy/deploy.sh [options] status ENV
ENV: prod or preprod.
options (environment variable in brackets):
  --binary FILE         the built binary to release (default build/release/mangetamain)
  --lib FILE            DuckDB's shared library shipped with it (default node_modules/@duckdb/node-bindings-linux-x64/libduckdb.so)
  --name NAME           release name (default <version>-<commit>-<first 8 hex of the binary's sha256>)
  --release NAME        roll out a release already installed instead of the built binary; @INSTANCE names the
                        release that instance runs (deploy/deploy.sh prod --release @preprod promotes PREPROD's)
  --root DIR            releases, links and backups [MTM_DEPLOY_ROOT] (default /opt/mangetamain)
  --etc DIR             the instances' env files [MTM_DEPLOY_ETC] (default /etc/mangetamain)
  --state-dir DIR       instances' working directories [MTM_DEPLOY_STATE] (default /var/lib/mangetamain)
  --instances "A B"     instances to roll out, in this order (default: ENV.env then ENV-*.env in --etc)
  --service-manager M   systemd (systemctl restart mangetamain@INSTANCE) or process (plain processes with a pid
                        file in --run-dir, for tests and hosts without systemd) [MTM_DEPLOY_MANAGER] (default systemd)
  --run-dir DIR         process manager: pid files and console output (default ROOT/run)
  --backup-dir DIR      where backups go (default ROOT/backups)
  --keep N              releases (and backups per ENV) to keep [MTM_DEPLOY_KEEP] (default 5)
  --deadline S          seconds an instance has to become ready after its restart [MTM_DEPLOY_DEADLINE] (default 180)
  --interval S          seconds between two readiness checks [MTM_DEPLOY_INTERVAL] (default 2)
  --settle S            seconds to wait after each restart when ENV has several instances, > the balancer's
                        fail_timeout [MTM_DEPLOY_SETTLE] (default 12)
  --stop-timeout S      process manager: seconds to wait for a stop before SIGKILL (default 30)
  --systemctl CMD       systemd: the command that restarts units (default systemctl, or sudo -n systemctl when
                        not root)
  --yes                 no confirmation question (PROD asks one otherwise)
EOF
}

say() { printf '%s: %s\n' "$prog" "$*"; }
warn() { printf '%s: %s\n' "$prog" "$*" >&2; }
die() {
  warn "$1"
  exit "${2:-2}"
}

# --- options ----------------------------------------------------------------------------------------------------
args=()
while (($#)); do
  case $1 in
    --yes | -y | -h | --help | --) ;;
    --*) (($# >= 2)) || die "$1 needs a value" ;;
  esac
  case $1 in
    --binary) binary=$2; shift 2 ;;
    --lib) lib=$2; shift 2 ;;
    --name) name=$2; shift 2 ;;
    --release) release_opt=$2; shift 2 ;;
    --root) root=$2; shift 2 ;;
    --etc) etc_dir=$2; shift 2 ;;
    --state-dir) state_dir=$2; shift 2 ;;
    --instances) instances_opt=$2; shift 2 ;;
    --service-manager) manager=$2; shift 2 ;;
    --run-dir) run_dir=$2; shift 2 ;;
    --backup-dir) backup_root=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    --deadline) deadline=$2; shift 2 ;;
    --interval) interval=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    --stop-timeout) stop_timeout=$2; shift 2 ;;
    --systemctl) systemctl=$2; shift 2 ;;
    --yes | -y) assume_yes=1; shift ;;
    -h | --help) usage; exit 0 ;;
    --) shift; args+=("$@"); break ;;
    -*) usage >&2; die "unknown option $1" ;;
    *) args+=("$1"); shift ;;
  esac
done

action=deploy
case ${args[0]:-} in
  rollback | restore | status) action=${args[0]}; args=("${args[@]:1}") ;;
esac
env_name=${args[0]:-}
case $env_name in
  prod | preprod) ;;
  "") usage >&2; die "missing ENV (prod or preprod)" ;;
  *) die "unknown environment '$env_name' (prod or preprod)" ;;
esac
backup_arg=
if [[ $action == restore ]]; then
  backup_arg=${args[1]:-}
  [[ -n $backup_arg ]] || die "restore needs the backup directory: deploy/deploy.sh restore $env_name DIR"
  ((${#args[@]} == 2)) || die "too many arguments"
else
  ((${#args[@]} == 1)) || die "too many arguments: ${args[*]}"
fi
for n in keep deadline interval settle stop_timeout; do
  [[ ${!n} =~ ^[0-9]+$ ]] || die "--${n//_/-} needs a whole number of seconds (or releases), not '${!n}'"
done
((keep >= 2)) || die "--keep must be at least 2 (the release in service and the one to roll back to)"
((interval >= 1)) || interval=1
case $manager in systemd | process) ;; *) die "--service-manager: systemd or process, not '$manager'" ;; esac
run_dir=${run_dir:-$root/run}
backup_root=${backup_root:-$root/backups}
prog="deploy $env_name"

# --- instances --------------------------------------------------------------------------------------------------
instances=()
if [[ -n $instances_opt ]]; then
  read -r -a instances <<<"$instances_opt"
else
  [[ -f $etc_dir/$env_name.env ]] && instances+=("$env_name")
  for f in "$etc_dir/$env_name"-*.env; do
    [[ -f $f ]] && instances+=("$(basename "$f" .env)")
  done
fi
((${#instances[@]})) || die "no instance of $env_name: no $etc_dir/$env_name.env nor $etc_dir/$env_name-*.env"
for i in "${instances[@]}"; do
  [[ $i =~ ^[a-z0-9][a-z0-9-]*$ ]] || die "bad instance name '$i'"
  [[ -f $etc_dir/$i.env ]] || die "instance $i has no env file $etc_dir/$i.env"
done

# One variable of an instance's env file (systemd EnvironmentFile= syntax: KEY=VALUE, optional quotes).
env_value() {
  local file=$etc_dir/$1.env key=$2 line value=
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line#"${line%%[![:space:]]*}"}
    [[ $line == "$key="* ]] || continue
    value=${line#*=}
    value=${value%\"}
    value=${value#\"}
    value=${value%\'}
    value=${value#\'}
  done <"$file"
  printf '%s' "$value"
}

instance_port() {
  local port
  port=$(env_value "$1" MANGETAMAIN_PORT)
  if [[ -z $port ]]; then
    case $(env_value "$1" APP_ENV | tr '[:upper:]' '[:lower:]') in
      preprod) port=8500 ;;
      *) port=8501 ;;
    esac
  fi
  printf '%s' "$port"
}

instance_host() {
  local host
  host=$(env_value "$1" MANGETAMAIN_HOST)
  case $host in "" | 0.0.0.0) host=127.0.0.1 ;; "::") host="[::1]" ;; esac
  printf '%s' "$host"
}

# The local database file an instance serves, absolute; empty for an s3:// source.
instance_db() {
  local source db
  source=$(env_value "$1" MANGETAMAIN_DATA)
  if [[ $source == s3://* ]]; then
    return 0
  fi
  db=${source:-$(env_value "$1" MANGETAMAIN_DB)}
  db=${db:-data/mangetamain.duckdb}
  [[ $db == /* ]] || db=$state_dir/$1/$db
  printf '%s' "$db"
}

release_of() {
  local link=$root/$1/current target
  target=$(readlink "$link" 2>/dev/null) || return 0
  basename "$target"
}

# --- service manager --------------------------------------------------------------------------------------------
pid_alive() {
  local pid=$1 state
  kill -0 "$pid" 2>/dev/null || return 1
  # A zombie (exited, not yet reaped by a parent that is not ours) counts as stopped.
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ $state != Z ]]
}

process_stop() {
  local instance=$1 pidfile=$run_dir/$1.pid pid
  [[ -f $pidfile ]] || return 0
  pid=$(<"$pidfile")
  if [[ $pid =~ ^[0-9]+$ ]] && pid_alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null
    local waited=0
    while pid_alive "$pid" && ((waited < stop_timeout * 10)); do
      sleep 0.1
      waited=$((waited + 1))
    done
    if pid_alive "$pid"; then
      warn "instance $instance (pid $pid) still running $stop_timeout s after SIGTERM: SIGKILL"
      kill -KILL "$pid" 2>/dev/null
      waited=0
      while pid_alive "$pid" && ((waited < 50)); do
        sleep 0.1
        waited=$((waited + 1))
      done
    fi
  fi
  rm -f "$pidfile"
}

process_start() {
  local instance=$1 dir=$root/$1/current
  mkdir -p "$run_dir" "$state_dir/$instance"
  # What the systemd unit does: the env file, the working directory, the log directory, the release's library.
  (
    cd "$state_dir/$instance" || exit 1
    # The server must not hold the deploy lock for its whole life.
    exec 9>&-
    export MANGETAMAIN_LOG_DIR=$state_dir/$instance/logs
    set -a
    # shellcheck disable=SC1090
    . "$etc_dir/$instance.env"
    set +a
    export LD_LIBRARY_PATH=$dir/lib
    # shellcheck disable=SC2016 # $$ and $1 belong to the inner sh: it writes its pid, then becomes the server.
    exec setsid sh -c 'echo $$ >"$1"; shift; exec "$@"' sh "$run_dir/$instance.pid" "$dir/bin/mangetamain" serve \
      </dev/null >>"$run_dir/$instance.out" 2>&1
  ) &
  local waited=0
  while [[ ! -s $run_dir/$instance.pid ]] && ((waited < 100)); do
    sleep 0.05
    waited=$((waited + 1))
  done
}

restart_instance() {
  local instance=$1
  case $manager in
    systemd) $systemctl restart "mangetamain@$instance.service" ;;
    process)
      process_stop "$instance"
      process_start "$instance"
      ;;
  esac
}

# Whether the instance's process has died (process manager; systemd restarts it, the deadline decides there).
instance_died() {
  [[ $manager == process ]] || return 1
  local pid
  pid=$(cat "$run_dir/$1.pid" 2>/dev/null) || return 0
  ! pid_alive "$pid"
}

# Waits for the instance's /readyz: 200 with "status":"ready", served by the expected commit when it is known.
# Prints one line on success; returns 1 (with the last error in $last_error) at the deadline or if it dies.
last_error=
wait_ready() {
  local instance=$1 commit=${2:-} url start=$SECONDS body metrics
  url="http://$(instance_host "$instance"):$(instance_port "$instance")"
  last_error="no answer yet"
  while :; do
    if body=$(curl -fsS --max-time 5 "$url/readyz" 2>&1) && [[ $body == *'"status":"ready"'* ]]; then
      if [[ -z $commit || $commit == unknown ]] ||
        { metrics=$(curl -fsS --max-time 5 "$url/metrics" 2>/dev/null) && [[ $metrics == *"commit=\"$commit\""* ]]; }; then
        local generation identity
        generation=$(sed -n 's/.*"generation":\([0-9]*\).*/\1/p' <<<"$body")
        identity=$(sed -n 's/.*"identity":"\([^"]*\)".*/\1/p' <<<"$body")
        say "instance $instance: ready after $((SECONDS - start)) s ($url/readyz: generation ${generation:-?}, identity ${identity:-?})"
        return 0
      fi
      last_error="$url answers but not with commit $commit (an old process still listening?)"
    else
      last_error="$url/readyz: ${body//$'\n'/ }"
    fi
    if instance_died "$instance"; then
      last_error="the process exited ($last_error); its console: $(tail -n 3 "$run_dir/$instance.out" 2>/dev/null | tr '\n' ' ')"
      return 1
    fi
    if ((SECONDS - start >= deadline)); then
      last_error="not ready after $deadline s: $last_error"
      return 1
    fi
    sleep "$interval"
  done
}

set_link() {
  local instance=$1 link=$2 release=$3
  mkdir -p "$root/$instance"
  ln -sfn "../releases/$release" "$root/$instance/$link.tmp" && mv -Tf "$root/$instance/$link.tmp" "$root/$instance/$link"
}

confirm() {
  local what=$1
  ((assume_yes)) && return 0
  if [[ ! -t 0 ]]; then
    die "$what needs a confirmation: run it in a terminal, or pass --yes"
  fi
  local answer
  read -r -p "$prog: $what — type '$env_name' to go on: " answer
  [[ $answer == "$env_name" ]] || die "not confirmed, nothing done"
}

# --- releases ---------------------------------------------------------------------------------------------------
release_commit=unknown
# Checks the binary and names the release; writes nothing.
release_sha=
release_version=unknown
release_version_line=
prepare_release() {
  binary=${binary:-$repo_dir/build/release/mangetamain}
  lib=${lib:-$repo_dir/node_modules/@duckdb/node-bindings-linux-x64/libduckdb.so}
  [[ -x $binary ]] || die "no built binary at $binary (cmake --preset release && cmake --build build/release), or --binary FILE"
  [[ -f $lib ]] || die "no DuckDB library at $lib (scripts/bootstrap.sh), or --lib FILE"
  release_sha=$(sha256sum "$binary" | cut -c1-64)
  release_version_line=$(LD_LIBRARY_PATH=$(dirname "$lib") timeout 20 "$binary" --version 2>/dev/null | head -n 1) || true
  if [[ $release_version_line =~ ^mangetamain\ ([^ ]+)\ \(commit\ ([^,]+),\ built\ ([^\)]+)\) ]]; then
    release_version=${BASH_REMATCH[1]}
    release_commit=${BASH_REMATCH[2]}
  else
    die "$binary --version does not answer 'mangetamain VERSION (commit ..., built ...)': not a mangetamain binary, or it cannot load $lib"
  fi
  [[ -n $name ]] || name="$release_version-${release_commit:0:12}-${release_sha:0:8}"
  [[ $name =~ ^[A-Za-z0-9._+-]+$ ]] || die "bad release name '$name'"
  local dir=$root/releases/$name
  if [[ -d $dir && $(sha256sum "$dir/bin/mangetamain" 2>/dev/null | cut -c1-64) != "$release_sha" ]]; then
    die "release $name is already installed with another binary: pick another --name"
  fi
}

install_release() {
  local dir=$root/releases/$name sha=$release_sha version=$release_version
  if [[ -d $dir ]]; then
    say "release $name already installed in $dir"
    return 0
  fi
  mkdir -p "$root/releases" || die "cannot create $root/releases"
  local tmp
  tmp=$(mktemp -d "$root/releases/.$name.XXXXXX") || die "cannot write in $root/releases"
  mkdir -p "$tmp/bin" "$tmp/lib"
  if ! install -m 0755 "$binary" "$tmp/bin/mangetamain" || ! install -m 0644 "$lib" "$tmp/lib/$(basename "$lib")" ||
    ! printf 'name=%s\nversion=%s\ncommit=%s\nsha256=%s\nsource=%s\ninstalled=%s\ninstalled_by=%s\n' \
      "$name" "$version" "$release_commit" "$sha" "$binary" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(id -un)" \
      >"$tmp/RELEASE" || ! chmod 0755 "$tmp" || ! mv -T "$tmp" "$dir"; then
    rm -rf "$tmp"
    die "cannot install the release in $dir" 2
  fi
  say "release $name installed in $dir ($release_version_line)"
}

# Keeps the newest --keep releases and any release an instance's current or previous link names.
prune_releases() {
  [[ -d $root/releases ]] || return 0
  local -A used=()
  local link target
  for link in "$root"/*/current "$root"/*/previous; do
    target=$(readlink "$link" 2>/dev/null) && used[$(basename "$target")]=1
  done
  # Releases that failed their readiness (rolled back) go first and do not count among the --keep.
  local -A failed=()
  if [[ -f $root/failed-releases ]]; then
    while IFS= read -r target; do failed[$target]=1; done <"$root/failed-releases"
  fi
  local removed=() count=0 dir base
  while IFS= read -r dir; do
    base=$(basename "$dir")
    if [[ -z ${failed[$base]:-} ]]; then
      count=$((count + 1))
      ((count <= keep)) && continue
    fi
    [[ -n ${used[$base]:-} ]] && continue
    rm -rf "$dir" && removed+=("$base")
  done < <(find "$root/releases" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -printf '%T@ %p\n' | sort -rn | cut -d' ' -f2-)
  local kept
  kept=$(find "$root/releases" -mindepth 1 -maxdepth 1 -type d ! -name '.*' | wc -l)
  say "releases kept: $kept (--keep $keep)${removed:+; removed: ${removed[*]}}"
  # Backups of this environment: the newest --keep.
  if [[ -d $backup_root ]]; then
    find "$backup_root" -mindepth 1 -maxdepth 1 -type d -name "$env_name-*" -printf '%f\n' | sort -r |
      tail -n +$((keep + 1)) | while IFS= read -r old; do rm -rf "${backup_root:?}/$old"; done
  fi
}

# --- backup -----------------------------------------------------------------------------------------------------
backup_dir=
take_backup() {
  backup_dir=$backup_root/$env_name-$(date -u +%Y%m%dT%H%M%SZ)
  local n=1
  while [[ -e $backup_dir ]]; do backup_dir=$backup_root/$env_name-$(date -u +%Y%m%dT%H%M%SZ)-$n; n=$((n + 1)); done
  (umask 077 && mkdir -p "$backup_dir/data" "$backup_dir/readyz") || die "cannot create the backup $backup_dir"
  # The configuration directory as a whole: env files, INI files, S3 credentials (secrets: mode 0600).
  (umask 077 && tar -C "$etc_dir" -cf "$backup_dir/etc.tar" .) || die "cannot back up $etc_dir"
  local manifest=$backup_dir/MANIFEST summary=()
  {
    echo "env=$env_name"
    echo "taken=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "etc=$etc_dir"
  } >"$manifest"
  local -A copied=()
  local instance db source key cache
  for instance in "${instances[@]}"; do
    echo "instance.$instance.release=$(release_of "$instance")" >>"$manifest"
    curl -fsS --max-time 5 "http://$(instance_host "$instance"):$(instance_port "$instance")/readyz" \
      >"$backup_dir/readyz/$instance.json" 2>/dev/null || rm -f "$backup_dir/readyz/$instance.json"
    source=$(env_value "$instance" MANGETAMAIN_DATA)
    if [[ $source == s3://* ]]; then
      # S3 keeps the data; what identifies the copy in service: the URL, the ETags of the cached objects, /readyz.
      echo "instance.$instance.source=$source" >>"$manifest"
      cache=$(env_value "$instance" MANGETAMAIN_DATA_CACHE_DIR)
      cache=${cache:-data/s3-cache}
      [[ $cache == /* ]] || cache=$state_dir/$instance/$cache
      find "$cache" -maxdepth 2 -name '*.source.json' -exec cp {} "$backup_dir/data/" \; 2>/dev/null
      for f in "$backup_dir"/data/*.source.json; do
        [[ -f $f ]] && mv "$f" "$backup_dir/data/$instance.$(basename "$f")"
      done
      summary+=("$instance: $source (identity)")
      continue
    fi
    db=$(instance_db "$instance")
    echo "instance.$instance.db=$db" >>"$manifest"
    [[ -n ${copied[$db]:-} ]] && continue
    [[ -f $db ]] || die "instance $instance: database $db does not exist; nothing deployed"
    key=$(printf '%s' "$db" | sha256sum | cut -c1-12)
    # The server only reads it: a copy while it runs is consistent.
    cp --reflink=auto "$db" "$backup_dir/data/$key.duckdb" || die "cannot back up $db; nothing deployed"
    echo "db.$key=$db" >>"$manifest"
    copied[$db]=1
    summary+=("$db ($(du -h "$db" | cut -f1))")
  done
  say "backup $backup_dir: configuration $etc_dir, data: ${summary[*]:-none}"
}

# --- actions ----------------------------------------------------------------------------------------------------
# Rolls the listed instances (in order) onto `target` for each; on failure puts back those already switched.
# $1: mode ("deploy" or "rollback"); then pairs instance=release.
switched=()
roll_out() {
  local mode=$1
  shift
  local pair instance release from
  for pair in "$@"; do
    instance=${pair%%=*}
    release=${pair#*=}
    from=$(release_of "$instance")
    say "instance $instance: ${from:-none} -> $release; restarting ($manager)"
    # instance|release it ran|release its previous link named: what a rollback puts back.
    switched+=("$instance|$from|$(basename "$(readlink "$root/$instance/previous" 2>/dev/null)" 2>/dev/null)")
    if [[ -n $from && $from != "$release" && $mode == deploy ]]; then
      set_link "$instance" previous "$from"
    fi
    set_link "$instance" current "$release"
    if ! restart_instance "$instance" || ! wait_ready "$instance" "$(commit_of "$release")"; then
      warn "instance $instance: release $release FAILED its readiness: $last_error"
      return 1
    fi
    settle_wait "$instance"
  done
}

# After a restart, with more than one instance behind the balancer: nginx marked the instance down while it was
# stopped (max_fails=1) and sends it nothing for fail_timeout. The next stop (of this deploy, or of the next
# command) must wait until it takes traffic again, or nginx would find no live upstream.
settle_wait() {
  ((${#instances[@]} > 1 && settle > 0)) || return 0
  say "instance $1: waiting $settle s for the balancer to send it traffic again (--settle)"
  sleep "$settle"
}

commit_of() {
  sed -n 's/^commit=//p' "$root/releases/$1/RELEASE" 2>/dev/null
}

# Puts every switched instance back on the release it ran before, last switched first.
roll_back() {
  local ok=0 idx instance release previous
  for ((idx = ${#switched[@]} - 1; idx >= 0; idx--)); do
    IFS='|' read -r instance release previous <<<"${switched[idx]}"
    if [[ -z $release || ! -d $root/releases/$release ]]; then
      warn "instance $instance: no previous release to go back to"
      ok=1
      continue
    fi
    say "ROLLBACK instance $instance -> $release"
    set_link "$instance" current "$release"
    if [[ -n $previous && -d $root/releases/$previous ]]; then
      set_link "$instance" previous "$previous"
    fi
    if ! restart_instance "$instance" || ! wait_ready "$instance" "$(commit_of "$release")"; then
      warn "instance $instance: the rollback to $release did not become ready either: $last_error"
      ok=1
      continue
    fi
    settle_wait "$instance"
  done
  return $ok
}

use_installed_release() {
  name=$release_opt
  if [[ $name == @* ]]; then
    name=$(release_of "${name#@}")
    [[ -n $name ]] || die "instance ${release_opt#@} runs no release (no $root/${release_opt#@}/current)"
  fi
  [[ -d $root/releases/$name ]] || die "release $name is not installed in $root/releases"
  [[ -z $binary ]] || die "--binary and --release exclude each other"
  release_commit=$(commit_of "$name")
  say "release $name (installed $(sed -n 's/^installed=//p' "$root/releases/$name/RELEASE"), commit ${release_commit:-unknown})"
}

do_deploy() {
  if [[ -n $release_opt ]]; then use_installed_release; else prepare_release; fi
  local pairs=() instance
  for instance in "${instances[@]}"; do pairs+=("$instance=$name"); done
  if [[ $env_name == prod ]]; then
    confirm "deploy release $name to PROD (${instances[*]})"
  fi
  [[ -n $release_opt ]] || install_release
  take_backup
  if roll_out deploy "${pairs[@]}"; then
    prune_releases
    say "done: release $name serves on ${instances[*]} (backup $backup_dir)"
    return 0
  fi
  echo "$name" >>"$root/failed-releases"
  if roll_back; then
    say "ROLLED BACK: release $name failed its readiness; ${instances[*]} serve their previous release (backup $backup_dir)"
    return 1
  fi
  warn "ROLLBACK FAILED: see above; put the instances back by hand (docs/operations.md) or restore $backup_dir"
  return 3
}

do_rollback() {
  local pairs=() instance previous
  for instance in "${instances[@]}"; do
    previous=$(readlink "$root/$instance/previous" 2>/dev/null) || die "instance $instance has no previous release"
    previous=$(basename "$previous")
    [[ -d $root/releases/$previous ]] || die "instance $instance: previous release $previous is no longer installed"
    pairs+=("$instance=$previous")
  done
  [[ $env_name == prod ]] && confirm "roll PROD (${instances[*]}) back to ${pairs[*]}"
  say "rolling back to the previous release: ${pairs[*]}"
  if roll_out rollback "${pairs[@]}"; then
    # The release rolled away from becomes the one to roll back to.
    local entry instance from
    for entry in "${switched[@]}"; do
      IFS='|' read -r instance from _ <<<"$entry"
      [[ -n $from ]] && set_link "$instance" previous "$from"
    done
    say "done: ${pairs[*]}"
    return 0
  fi
  warn "ROLLBACK FAILED: $last_error"
  return 3
}

do_restore() {
  local dir=$backup_arg manifest
  manifest=$dir/MANIFEST
  [[ -f $manifest && -f $dir/etc.tar ]] || die "$dir is not a backup (no MANIFEST or etc.tar)"
  [[ $(sed -n 's/^env=//p' "$manifest") == "$env_name" ]] || die "$dir is a backup of $(sed -n 's/^env=//p' "$manifest"), not $env_name"
  confirm "restore $dir on $env_name (configuration, database, releases), then restart ${instances[*]}"
  tar -C "$etc_dir" -xpf "$dir/etc.tar" || die "cannot restore the configuration into $etc_dir" 3
  say "configuration restored into $etc_dir"
  local line key db
  while IFS= read -r line; do
    key=${line%%=*}
    key=${key#db.}
    db=${line#*=}
    mkdir -p "$(dirname "$db")"
    # A new file renamed over the old one: servers that still have the old one open keep reading it.
    if ! cp --reflink=auto "$dir/data/$key.duckdb" "$db.restore.tmp" || ! mv -f "$db.restore.tmp" "$db"; then
      die "cannot restore $db" 3
    fi
    say "database restored: $db"
  done < <(grep '^db\.' "$manifest")
  local pairs=() instance release
  for instance in "${instances[@]}"; do
    release=$(sed -n "s/^instance\\.$instance\\.release=//p" "$manifest")
    if [[ -n $release && -d $root/releases/$release ]]; then
      pairs+=("$instance=$release")
    else
      warn "instance $instance: release '${release:-none}' of the backup is not installed; it keeps $(release_of "$instance")"
      pairs+=("$instance=$(release_of "$instance")")
    fi
  done
  if roll_out rollback "${pairs[@]}"; then
    say "done: backup $dir restored; ${pairs[*]}"
    return 0
  fi
  warn "RESTORE FAILED: $last_error"
  return 3
}

do_status() {
  local instance url state previous
  for instance in "${instances[@]}"; do
    url="http://$(instance_host "$instance"):$(instance_port "$instance")/readyz"
    if curl -fsS --max-time 5 "$url" >/dev/null 2>&1; then state=ready; else state="NOT READY"; fi
    previous=$(readlink "$root/$instance/previous" 2>/dev/null) || previous=none
    say "instance $instance: current $(release_of "$instance") (previous $(basename "$previous")), $url: $state"
  done
  find "$root/releases" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -printf '%T@ %f\n' 2>/dev/null | sort -rn |
    cut -d' ' -f2- | sed "s/^/$prog: release /"
  find "$backup_root" -mindepth 1 -maxdepth 1 -type d -name "$env_name-*" 2>/dev/null | sort | sed "s/^/$prog: backup /"
}

command -v curl >/dev/null || die "curl is needed (apt-get install curl)"
if [[ $action == status ]]; then
  do_status
  exit 0
fi
# One change at a time on a host: a second deploy, rollback or restore waits for none, it stops.
mkdir -p "$root" || die "cannot create $root"
exec 9>>"$root/.deploy.lock"
flock -n 9 || die "another deploy, rollback or restore is running on this host ($root/.deploy.lock)"
rc=0
case $action in
  deploy) do_deploy || rc=$? ;;
  rollback) do_rollback || rc=$? ;;
  restore) do_restore || rc=$? ;;
esac
# History: one line per change, for the postmortem.
case $rc in 0) result=ok ;; 1) result="rolled back" ;; *) result="FAILED ($rc)" ;; esac
printf '%s %s %s %s release=%s backup=%s: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(id -un)" "$action" "$env_name" \
  "${name:-${backup_arg:-}}" "${backup_dir:-none}" "$result" >>"$root/deploy.log" 2>/dev/null || true
exit "$rc"
