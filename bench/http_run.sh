#!/usr/bin/env bash
# The status page under load: wrk against reclaimd's /c/{token} (a real case: token check and a
# read from SQLite, rendered) and against nginx serving the same bytes from a file, in one run on
# this machine, both on 127.0.0.1, started and stopped here. Then reclaimd's RSS with 1,000 open
# connections. Installs wrk and nginx with apt when missing (not part of the test installer).
#   bash bench/http_run.sh            # 3 rounds of 10 s each, alternating
#   ROUNDS=1 SECONDS_PER_RUN=5 bash bench/http_run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${BUILD:-$ROOT/build}"
ROUNDS="${ROUNDS:-3}"
SECONDS_PER_RUN="${SECONDS_PER_RUN:-10}"
CONNECTIONS="${CONNECTIONS:-64}"

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
if ((${#need[@]})); then
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j2 --target reclaimd >/dev/null

WORK="$(mktemp -d)"
RECLAIMD_PID=""; NGINX_PID=""
cleanup() {
  [ -n "$RECLAIMD_PID" ] && kill "$RECLAIMD_PID" 2>/dev/null && wait "$RECLAIMD_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
ulimit -n 8192

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
RPORT="$(free_port)"; NPORT="$(free_port)"

cat >"$WORK/reclaimd.json" <<JSON
{"engine": {"database": "sqlite:$WORK/bench.db",
            "shops": [{"id": "default", "name": "Bench Shop", "timezone": "Europe/Warsaw", "locale": "en"}]},
 "http": {"listen": "127.0.0.1:$RPORT", "threads": 2, "submits_per_minute": 1000,
          "max_connections": 2000, "max_connections_per_address": 2000},
 "orders": ["$ROOT/sdk/reclaimd/demo-orders.json"]}
JSON
"$BUILD/sdk/reclaimd/reclaimd" "$WORK/reclaimd.json" >"$WORK/reclaimd.log" 2>&1 &
RECLAIMD_PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$RPORT/healthz" >/dev/null && break; sleep 0.1; done

token=$(curl -sf -H 'Content-Type: application/json' "http://127.0.0.1:$RPORT/api/v1/cases" \
  -d '{"order":"1001","email":"jan@example.pl","items":[{"line":"1","qty":1,"reason":"defect"}],"description":"Leaks"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
STATUS_PATH="/c/$token?lang=en"
mkdir -p "$WORK/www"
chmod 755 "$WORK"  # nginx's workers run as nobody when started by root: they must reach www/
curl -sf "http://127.0.0.1:$RPORT$STATUS_PATH" >"$WORK/www/status.html"
BYTES=$(wc -c <"$WORK/www/status.html")

cat >"$WORK/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
daemon off;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp;
  uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NPORT;
    location / { root $WORK/www; default_type "text/html; charset=utf-8"; try_files /status.html =404; }
  }
}
CONF
mkdir -p "$WORK/tmp"
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK" &
NGINX_PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$NPORT/" >/dev/null && break; sleep 0.1; done

# "Requests/sec" and the 99th percentile (in ms) of one wrk run; a run with any non-2xx answer
# or socket error counts for nothing (every connection comes from 127.0.0.1, so the per-address
# connection cap is lifted above).
run_wrk() {
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$1" | awk '
    /Non-2xx|Socket errors/ {print "wrk reported errors: " $0 > "/dev/stderr"; bad=1}
    /Requests\/sec/ {rps=bad ? 0 : $2}
    /^ +99%/ {v=$2; unit=v; gsub(/[0-9.]/,"",unit); gsub(/[a-z]/,"",v);
              ms = unit=="us" ? v/1000 : unit=="s" ? v*1000 : v; p99=ms}
    END {printf "%s %.3f\n", rps, p99}'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "page: $BYTES bytes; wrk -t2 -c$CONNECTIONS -d${SECONDS_PER_RUN}s, $ROUNDS round(s), alternating"
results=()
for round in $(seq "$ROUNDS"); do
  r=$(run_wrk "http://127.0.0.1:$RPORT$STATUS_PATH")
  n=$(run_wrk "http://127.0.0.1:$NPORT$STATUS_PATH")
  echo "round $round: reclaim $r | nginx $n   (requests/s p99-ms)"
  results+=("$r $n")
done
printf '%s\n' "${results[@]}" | python3 -c '
import statistics, sys
rows = [list(map(float, line.split())) for line in sys.stdin if line.strip()]
r_rps = statistics.median(r[0] for r in rows); r_p99 = statistics.median(r[1] for r in rows)
n_rps = statistics.median(r[2] for r in rows); n_p99 = statistics.median(r[3] for r in rows)
print(f"median: reclaim {r_rps:.0f} req/s, p99 {r_p99:.2f} ms | nginx {n_rps:.0f} req/s, p99 {n_p99:.2f} ms")
ratio = r_rps / n_rps
verdict = "met" if ratio >= 0.5 else "MISSED"
print(f"ratio reclaim/nginx: {ratio:.2f} (target >= 0.50: {verdict})")'

# RSS of reclaimd before and while 1,000 keep-alive connections are open (each answered once).
python3 - "$RPORT" "$RECLAIMD_PID" <<'PY'
import socket, sys, time
port, pid = int(sys.argv[1]), sys.argv[2]
def rss():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1])
before = rss()
held = []
for _ in range(1000):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n")
    held.append(s)
for s in held:
    s.recv(4096)
time.sleep(1)
during = rss()
ok = sum(1 for s in held if s.fileno() >= 0)
print(f"reclaimd RSS: {before} KiB idle, {during} KiB with {ok} open connections "
      f"({(during - before) / ok:.1f} KiB per connection)")
PY
