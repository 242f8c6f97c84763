#!/usr/bin/env bash
# Read traffic at internet scale (docs/operations.md, "HTTP caching"): wrk -c50 against the demo, first views, repeat
# views that revalidate (If-None-Match, answered 304), and the same pages through the caching nginx of
# src/main/nginx/dashboard.conf. Builds nothing: run `./mvnw -B package -DskipTests` first.
#
#   src/test/bench/http-caching.sh                 # 20 s per measurement, 50 connections
#   SECONDS_EACH=60 CONNECTIONS=100 src/test/bench/http-caching.sh
#
# Needs wrk and nginx (Debian: apt-get install wrk nginx-light). The dashboard runs with -Xmx512m on a fresh H2 file
# under target/http-caching/, nginx beside it; both are stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/../../.."

SECONDS_EACH=${SECONDS_EACH:-20}
CONNECTIONS=${CONNECTIONS:-50}
APP_PORT=${APP_PORT:-18140}
PROXY_PORT=${PROXY_PORT:-18141}
JAR=target/misalignment-dashboard.jar
WORK=$PWD/target/http-caching

for tool in wrk nginx curl; do
	if ! command -v "$tool" > /dev/null && [ ! -x "/usr/sbin/$tool" ]; then
		echo "http-caching: $tool is not installed (Debian: apt-get install wrk nginx-light curl)" >&2
		exit 2
	fi
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -f "$JAR" ]; then
	echo "http-caching: $JAR is missing; run ./mvnw -B package -DskipTests first" >&2
	exit 2
fi

rm -rf "$WORK"
mkdir -p "$WORK/cache"
app_pid=""
cleanup() {
	[ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2> /dev/null || true
	[ -n "$app_pid" ] && kill "$app_pid" 2> /dev/null && wait "$app_pid" 2> /dev/null || true
}
trap cleanup EXIT

java -Xmx512m -jar "$JAR" --server.port="$APP_PORT" --management.server.port=0 \
	--spring.datasource.url="jdbc:h2:file:$WORK/db/dashboard" > "$WORK/app.log" 2>&1 &
app_pid=$!
APP=http://127.0.0.1:$APP_PORT
echo "Starting the dashboard on $APP (log: $WORK/app.log); the demo imports on first start"
for _ in $(seq 1 300); do
	if [ "$(curl -s -o /dev/null -w '%{http_code}' "$APP/d/demo")" = 200 ]; then
		break
	fi
	kill -0 "$app_pid" 2> /dev/null || { echo "http-caching: the dashboard stopped; see $WORK/app.log" >&2; exit 1; }
	sleep 1
done

sed -e "s|server app:8080;|server 127.0.0.1:$APP_PORT;|" -e "s|listen 80;|listen 127.0.0.1:$PROXY_PORT;|" \
	-e "s|/var/cache/nginx/dashboard|$WORK/cache|" src/main/nginx/dashboard.conf > "$WORK/site.conf"
cat > "$WORK/nginx.conf" << EOF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $WORK/body;
    proxy_temp_path $WORK/proxy;
    include $WORK/site.conf;
}
EOF
"$NGINX" -c "$WORK/nginx.conf"
PROXY=http://127.0.0.1:$PROXY_PORT

answer=$(curl -s "$APP/api/v1/datasets/demo/samples?limit=1" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
css=$(curl -s "$APP/d/demo" | grep -o '/webjars/bootstrap/[^"]*\.css' | head -1)
pages=("overview /d/demo" "answers-browser /d/demo/answers" "answer-page /answers/$answer"
	"rates-api /api/v1/datasets/demo/rates" "css $css")

# one measurement: wrk's requests/s, p50, p99, errors (non-2xx/3xx responses and timeouts)
measure() {
	local out
	out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 10s --latency -H 'Accept-Encoding: gzip' "$@")
	local rate p50 p99 errors timeouts
	rate=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
	p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
	p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
	errors=$(echo "$out" | awk '/Non-2xx or 3xx/ {print $5}')
	timeouts=$(echo "$out" | sed -n 's/.*timeout \([0-9]*\).*/\1/p')
	printf '%10s req/s  p50 %9s  p99 %9s  errors %s  timeouts %s\n' "$rate" "$p50" "$p99" "${errors:-0}" \
		"${timeouts:-0}"
}

echo "wrk -t2 -c$CONNECTIONS -d${SECONDS_EACH}s, Accept-Encoding: gzip; $(nproc) cores, client on this machine"
for entry in "${pages[@]}"; do
	name=${entry%% *}
	path=${entry#* }
	etag=$(curl -s -o /dev/null -D - -H 'Accept-Encoding: gzip' "$APP$path" | tr -d '\r' \
		| sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
	# warm-up: the JIT and the caches, as a running site has them
	wrk -t2 -c"$CONNECTIONS" -d5s -H 'Accept-Encoding: gzip' "$APP$path" > /dev/null
	printf '%-16s first view       ' "$name"
	measure "$APP$path"
	if [ -n "$etag" ]; then
		printf '%-16s repeat view, 304 ' "$name"
		measure -H "If-None-Match: $etag" "$APP$path"
	fi
	wrk -t2 -c"$CONNECTIONS" -d2s -H 'Accept-Encoding: gzip' "$PROXY$path" > /dev/null
	printf '%-16s through nginx    ' "$name"
	measure "$PROXY$path"
done
