#!/usr/bin/env bash
# Stops the Azurite started by start.sh (by its recorded pid / process group) and removes its data folder.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
state="${HEMI_AZURITE_STATE_DIR:-$here/.azurite}"

if [ -f "$state/azurite.pid" ]; then
  pid="$(cat "$state/azurite.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 -- "-$pid" 2>/dev/null || kill -9 "$pid" 2>/dev/null
    fi
  fi
  rm -f "$state/azurite.pid"
fi

if [ -f "$state/location" ]; then
  data="$(cat "$state/location")"
  case "$data" in
    */hemi-azurite.*) rm -rf "$data" ;;
  esac
  rm -f "$state/location"
fi
exit 0
