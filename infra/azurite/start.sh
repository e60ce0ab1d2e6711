#!/usr/bin/env bash
# Starts Azurite (Blob + Table; Queue comes along) on 127.0.0.1 with free ports and a throwaway data folder,
# waits until the blob endpoint answers, and prints the shell `export` lines the tests need on stdout:
#   eval "$(bash infra/azurite/start.sh)"
# Everything else goes to stderr or to the log file. Stop it with infra/azurite/stop.sh.
# State (pid, data folder, log) lives in $HEMI_AZURITE_STATE_DIR (default infra/azurite/.azurite, gitignored).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
state="${HEMI_AZURITE_STATE_DIR:-$here/.azurite}"
bin="$here/node_modules/.bin/azurite"

if [ ! -x "$bin" ]; then
  echo "azurite: $bin not found; run 'npm ci' in infra/azurite (build/install-deps.sh does it)." >&2
  exit 1
fi

mkdir -p "$state"
if [ -f "$state/azurite.pid" ] && kill -0 "$(cat "$state/azurite.pid")" 2>/dev/null; then
  echo "azurite: already running (pid $(cat "$state/azurite.pid")); stop it first with infra/azurite/stop.sh." >&2
  exit 1
fi

# Three distinct free loopback ports, chosen by the OS.
read -r blob_port queue_port table_port < <(node -e '
  const net = require("net");
  const servers = [0, 1, 2].map(() => net.createServer());
  Promise.all(servers.map(s => new Promise(r => s.listen(0, "127.0.0.1", () => r(s.address().port)))))
    .then(ports => { console.log(ports.join(" ")); servers.forEach(s => s.close()); });
')

data="$(mktemp -d "${TMPDIR:-/tmp}/hemi-azurite.XXXXXX")"
log="$state/azurite.log"
echo "$data" > "$state/location"

# setsid: its own process group, so stop.sh can end Azurite and anything it spawned, and nothing else.
setsid "$bin" \
  --blobHost 127.0.0.1 --blobPort "$blob_port" \
  --queueHost 127.0.0.1 --queuePort "$queue_port" \
  --tableHost 127.0.0.1 --tablePort "$table_port" \
  --location "$data" --skipApiVersionCheck --loose --silent --disableTelemetry \
  >"$log" 2>&1 < /dev/null &
pid=$!
echo "$pid" > "$state/azurite.pid"

# Wait (bounded) until the blob service answers HTTP; any status (even 400) means it is up.
deadline=$((SECONDS + 60))
until node -e '
  const http = require("http");
  const req = http.get({ host: "127.0.0.1", port: Number(process.argv[1]), path: "/devstoreaccount1?comp=list", timeout: 1000 },
    res => { res.resume(); process.exit(0); });
  req.on("error", () => process.exit(1));
  req.on("timeout", () => { req.destroy(); process.exit(1); });
' "$blob_port" 2>/dev/null; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "azurite: exited during start-up; log follows:" >&2
    cat "$log" >&2 || true
    rm -f "$state/azurite.pid"
    rm -rf "$data"
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "azurite: no answer on 127.0.0.1:$blob_port within 60 s; log: $log" >&2
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    rm -f "$state/azurite.pid"
    rm -rf "$data"
    exit 1
  fi
  sleep 0.3
done

key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
echo "azurite: pid $pid, blob 127.0.0.1:$blob_port, table 127.0.0.1:$table_port, data $data" >&2
echo "export HEMI_AZURITE_BLOB=http://127.0.0.1:$blob_port/devstoreaccount1"
echo "export HEMI_AZURITE_TABLE=http://127.0.0.1:$table_port/devstoreaccount1"
echo "export HEMI_AZURITE_CONNECTION_STRING='DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;'"
