#!/usr/bin/env bash
# Installs what the build and tests need on a fresh Debian machine that has the .NET SDK and Node.js.
# Idempotent: does nothing when everything is already present.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
# No `grep -q`: it would exit at the first match, and pipefail would then report ldconfig's SIGPIPE as a miss.
if ! ldconfig -p 2>/dev/null | grep 'libsecp256k1\.so\.1' >/dev/null; then
  need_apt+=(libsecp256k1-1)
fi
if [ "${HEMI_NEED_SECP_DEV:-0}" = "1" ] && [ ! -f /usr/include/secp256k1.h ]; then
  need_apt+=(libsecp256k1-dev)
fi
if [ "${HEMI_NEED_SECP_DEV:-0}" = "1" ] && ! command -v cc >/dev/null 2>&1; then
  need_apt+=(gcc)
fi

if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "install-deps: apt-get install ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "install-deps: missing ${need_apt[*]}." >&2
    echo "  Run as root, or: sudo apt-get install -y ${need_apt[*]}" >&2
    exit 1
  fi
fi

# Azurite (Azure Storage emulator), pinned by infra/azurite/package-lock.json.
if [ -f infra/azurite/package-lock.json ] && [ ! -x infra/azurite/node_modules/.bin/azurite ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "install-deps: npm not found; install Node.js to run the Azure Blob tests." >&2
    exit 1
  fi
  echo "install-deps: npm ci (infra/azurite)"
  (cd infra/azurite && npm ci --no-audit --no-fund --loglevel=error)
fi

# The ethers v6 end-to-end script, pinned by tests/e2e/ethers/package-lock.json (run by Hemi.EndToEnd.Tests).
if [ -f tests/e2e/ethers/package-lock.json ] && [ ! -d tests/e2e/ethers/node_modules/ethers ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "install-deps: npm not found; install Node.js to run the ethers end-to-end test." >&2
    exit 1
  fi
  echo "install-deps: npm ci (tests/e2e/ethers)"
  (cd tests/e2e/ethers && npm ci --no-audit --no-fund --loglevel=error)
fi
