#!/usr/bin/env bash
# Runs every test of FLECS the way CI does: locked restore, Release build (warnings are errors),
# whitespace check, then all test projects. Ends with one plain line "N passed, N failed[, N skipped]"
# and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail_before_tests() {
  echo "$1" >&2
  echo "0 passed, 1 failed"
  exit 1
}

# The simulation report's browser test drives Debian's Chromium through Playwright (never 'playwright install').
if [ ! -x /usr/bin/chromium ]; then
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  echo "installing chromium for the report's browser test" >&2
  { $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends chromium; } >/dev/null \
    || fail_before_tests "could not install chromium (apt-get install chromium)"
fi

# The MQTT ingest's tests start their own Mosquitto broker on 127.0.0.1 (a free port, killed at the end of each test)
# and publish with mosquitto_pub: Debian's packages, installed when missing. The system service is not used.
if [ ! -x /usr/sbin/mosquitto ] || [ ! -x /usr/bin/mosquitto_pub ]; then
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  echo "installing mosquitto for the MQTT ingest's tests" >&2
  { $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends mosquitto mosquitto-clients; } >/dev/null \
    || fail_before_tests "could not install mosquitto (apt-get install mosquitto mosquitto-clients)"
fi

# The PostgreSQL store's tests need a server: Debian's package, one cluster, listening on 127.0.0.1 only, role flecs/flecs.
# Started here only when it is not running, and then stopped again at the end.
pg_started=""
stop_postgres() {
  if [ -n "$pg_started" ]; then
    $sudo_cmd pg_ctlcluster "$pg_started" main stop >/dev/null 2>&1 || true
  fi
}
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
trap stop_postgres EXIT
if ! ls /etc/postgresql/*/main/postgresql.conf >/dev/null 2>&1; then
  echo "installing postgresql for the PostgreSQL store's tests" >&2
  { $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends postgresql; } >/dev/null \
    || fail_before_tests "could not install postgresql (apt-get install postgresql)"
fi
pg_version=$(ls /etc/postgresql | sort -n | tail -n 1)
pg_conf="/etc/postgresql/$pg_version/main/postgresql.conf"
if ! grep -qE "^listen_addresses = '127.0.0.1'" "$pg_conf"; then
  $sudo_cmd sed -i -E "s/^#?listen_addresses\s*=.*/listen_addresses = '127.0.0.1'/" "$pg_conf"
  grep -qE "^listen_addresses = '127.0.0.1'" "$pg_conf" || echo "listen_addresses = '127.0.0.1'" | $sudo_cmd tee -a "$pg_conf" >/dev/null
  # A running cluster picks the new address up only on restart.
  $sudo_cmd pg_ctlcluster "$pg_version" main status >/dev/null 2>&1 && $sudo_cmd pg_ctlcluster "$pg_version" main restart >/dev/null
fi
if ! $sudo_cmd pg_ctlcluster "$pg_version" main status >/dev/null 2>&1; then
  $sudo_cmd pg_ctlcluster "$pg_version" main start || fail_before_tests "could not start PostgreSQL $pg_version"
  pg_started="$pg_version"
fi
pg_port=$($sudo_cmd pg_conftool -s "$pg_version" main show port 2>/dev/null || echo 5432)
pg_sql() { (cd / && $sudo_cmd su postgres -c "psql -p $pg_port -qtAX -v ON_ERROR_STOP=1 -c \"$1\""); }
if [ "$(pg_sql "SELECT 1 FROM pg_roles WHERE rolname = 'flecs'")" != "1" ]; then
  pg_sql "CREATE ROLE flecs LOGIN CREATEDB PASSWORD 'flecs'" >/dev/null || fail_before_tests "could not create the PostgreSQL role flecs"
fi
export FLECS_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=flecs;Password=flecs;Database=postgres"

dotnet restore Flecs.slnx --locked-mode || fail_before_tests "restore failed (are the packages.lock.json files current?)"
dotnet build Flecs.slnx -c Release --no-restore || fail_before_tests "build failed"
dotnet format whitespace Flecs.slnx --verify-no-changes || fail_before_tests "formatting differs: run 'dotnet format whitespace Flecs.slnx'"

log=$(mktemp)
trap 'rm -f "$log"; stop_postgres' EXIT
dotnet test --solution Flecs.slnx -c Release --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

count() { grep -E "^\s+$1: [0-9]+" "$log" | tail -n 1 | grep -oE '[0-9]+' || echo 0; }
total=$(count total)
failed=$(count failed)
passed=$(count succeeded)
skipped=$(count skipped)
if [ "$total" = "0" ]; then
  echo "no test ran" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
if [ "$status" -ne 0 ] && [ "$failed" = "0" ]; then
  failed=1
fi
if [ "$skipped" != "0" ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$status" -eq 0 ] && [ "$failed" = "0" ]
