#!/usr/bin/env bash
# Serve the dashboard: one Streamlit process, or N replicas behind nginx with sticky sessions.
#
#   scripts/serve.sh                      # one process on http://localhost:8501
#   scripts/serve.sh --replicas 2         # two processes (ports 8502, 8503) behind nginx on 8501
#   scripts/serve.sh --replicas 2 --port 9000 --data /srv/meedoen-data
#
# Every replica reads the same data store (MEEDOEN_DATA_DIR or --data) and so the same ACTIVE
# version: a load switches all of them at once, and they attach the same read-only cache files.
# nginx (Debian package `nginx`) keeps each browser on one replica with a cookie (Streamlit's
# session lives in that process), upgrades /_stcore/stream to a websocket and never times out an
# open session. A client without the cookie (its first request) is placed by a hash of the request,
# so simultaneous newcomers spread over the replicas. Stop with Ctrl-C: every process started here ends.
set -euo pipefail
cd "$(dirname "$0")/.."

REPLICAS=1
PORT=8501
ADDRESS=127.0.0.1
while [ $# -gt 0 ]; do
  case "$1" in
    --replicas) REPLICAS="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --address) ADDRESS="$2"; shift 2 ;;
    --data) export MEEDOEN_DATA_DIR="$(cd "$2" && pwd)"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
case "$REPLICAS" in ''|*[!0-9]*|0) echo "--replicas needs a number >= 1" >&2; exit 2 ;; esac

PY=.venv/bin/python
[ -x "$PY" ] || PY=python3
streamlit_on() {  # port, address
  exec "$PY" -m streamlit run app.py --server.headless true --server.port "$1" --server.address "$2" \
    --browser.gatherUsageStats false --server.fileWatcherType none
}

if [ "$REPLICAS" -eq 1 ]; then
  streamlit_on "$PORT" "$ADDRESS"
fi

NGINX=${NGINX:-/usr/sbin/nginx}
[ -x "$NGINX" ] || { echo "nginx not found (apt-get install nginx)" >&2; exit 1; }
RUN=$(mktemp -d "${TMPDIR:-/tmp}/meedoen-serve.XXXXXX")
PIDS=()
cleanup() {
  trap - EXIT INT TERM
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$RUN"
}
trap cleanup EXIT INT TERM

SERVERS=""
for i in $(seq 1 "$REPLICAS"); do
  p=$((PORT + i))
  (streamlit_on "$p" 127.0.0.1) >"$RUN/replica-$i.log" 2>&1 &
  PIDS+=($!)
  SERVERS="$SERVERS        server 127.0.0.1:$p max_fails=0;\\n"
done
sed -e "s|@SERVERS@|$SERVERS|" -e "s|@LISTEN@|$ADDRESS:$PORT|" -e "s|@RUN@|$RUN|g" deploy/nginx.conf.in >"$RUN/nginx.conf"

# Wait until every replica answers before nginx sends people to it.
for i in $(seq 1 "$REPLICAS"); do
  p=$((PORT + i))
  for _ in $(seq 1 240); do
    if curl -fs "http://127.0.0.1:$p/_stcore/health" >/dev/null 2>&1; then break; fi
    kill -0 "${PIDS[$((i - 1))]}" 2>/dev/null || { cat "$RUN/replica-$i.log" >&2; exit 1; }
    sleep 0.5
  done
done
"$NGINX" -p "$RUN" -c "$RUN/nginx.conf" -e "$RUN/error.log" &
PIDS+=($!)
echo "Meedoen: $REPLICAS replicas behind nginx on http://$ADDRESS:$PORT (logs in $RUN)"
wait -n "${PIDS[@]}"  # one process ending (a crash) ends the set, so a supervisor can restart it
