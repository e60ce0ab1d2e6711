#!/usr/bin/env bash
# The test command: installs what is missing, builds, starts the services the tests need, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash build/install-deps.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet restore Hemi.Orleans.sln
dotnet build Hemi.Orleans.sln -c Release --no-restore

# Services: Azurite on loopback with a throwaway data folder (stopped on exit).
cleanup() { if [ -f infra/azurite/stop.sh ]; then bash infra/azurite/stop.sh || true; fi; }
trap cleanup EXIT
if [ -f infra/azurite/start.sh ]; then
  # start.sh prints the variables to export (e.g. HEMI_AZURITE_BLOB=http://127.0.0.1:port/devstoreaccount1)
  eval "$(bash infra/azurite/start.sh)"
  export HEMI_REQUIRE_SERVICES=1
fi

log=$(mktemp)
set +e
dotnet test Hemi.Orleans.sln -c Release --no-build --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run, summed over the test projects.
awk '
  /^(Passed|Failed)!/ {
    for (i = 1; i <= NF; i++) {
      gsub(",", "", $(i+1));
      if ($i == "Failed:") f += $(i+1);
      if ($i == "Passed:") p += $(i+1);
      if ($i == "Skipped:") s += $(i+1);
    }
  }
  END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
