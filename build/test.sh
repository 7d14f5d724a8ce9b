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

dotnet restore Flecs.slnx --locked-mode || fail_before_tests "restore failed (are the packages.lock.json files current?)"
dotnet build Flecs.slnx -c Release --no-restore || fail_before_tests "build failed"
dotnet format whitespace Flecs.slnx --verify-no-changes || fail_before_tests "formatting differs: run 'dotnet format whitespace Flecs.slnx'"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
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
