#!/usr/bin/env bash
# The test command: installs what is missing, builds, starts the services the tests need, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

bash build/install-deps.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet restore Hemi.Orleans.sln
dotnet build Hemi.Orleans.sln -c Release --no-restore

# Services: Azurite on loopback with a throwaway data folder (stopped on exit).
cleanup() { if [ -f infra/azurite/stop.sh ]; then bash infra/azurite/stop.sh >/dev/null 2>&1 || true; fi; }
trap cleanup EXIT
if [ -f infra/azurite/start.sh ]; then
  # start.sh prints the variables to export (e.g. HEMI_AZURITE_BLOB=http://127.0.0.1:port/devstoreaccount1)
  eval "$(bash infra/azurite/start.sh)"
  export HEMI_REQUIRE_SERVICES=1
fi

log=$(mktemp)
set +e
dotnet test Hemi.Orleans.sln -c Release --no-build --logger "console;verbosity=normal" --blame-hang-timeout 15m "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Stop the services first so that the summary below is the run's last line.
cleanup

# Name every failed test with the first lines of its message, so a CI log cut to its tail still says what broke.
awk '
  /^[[:space:]]*Failed [A-Za-z_][A-Za-z0-9_.]*/ { shown = 12; print "FAILED TEST:"; }
  shown > 0 { print; shown--; }' "$log" | head -n 200

# One closing line for the whole run, summed over the test projects' summaries
# ("Passed: N" / "Failed: N" / "Skipped: N" at normal verbosity, "Passed!  - Failed: N, Passed: N, ..." at minimal).
awk '
  /^[[:space:]]*Passed: [0-9]+[[:space:]]*$/  { p += $2 }
  /^[[:space:]]*Failed: [0-9]+[[:space:]]*$/  { f += $2 }
  /^[[:space:]]*Skipped: [0-9]+[[:space:]]*$/ { s += $2 }
  /^(Passed|Failed)!/ {
    for (i = 1; i < NF; i++) {
      v = $(i+1); gsub(",", "", v);
      if ($i == "Failed:") f += v;
      if ($i == "Passed:") p += v;
      if ($i == "Skipped:") s += v;
    }
  }
  END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
