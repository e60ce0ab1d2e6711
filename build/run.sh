#!/usr/bin/env bash
# The run command: the main job on the embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
bash build/install-deps.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet run --project client/Hemi.Cli -c Release -- demo "$@"
