#!/usr/bin/env bash
# The run command: the main job on the embedded defaults — a single-silo devnet (hemi-silo):
# file storage under ./data, the embedded regtest Bitcoin node mining on a timer, the built-in PoP miner,
# 1-second L2 blocks, funded development accounts, Ethereum JSON-RPC on http://127.0.0.1:8545/rpc.
# Extra arguments go to hemi-silo (e.g. --data /tmp/devnet --urls http://127.0.0.1:9545). Ctrl+C stops it cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
bash build/install-deps.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build silo/Hemi.Silo -c Release -v quiet -nologo
exec dotnet run --project silo/Hemi.Silo -c Release --no-build -- "$@"
