#!/usr/bin/env bash
# Runs the whole benchmark: installs nginx if missing, builds, starts nginx (GETs, download) and
# the Java upload server on loopback, runs every client through every workload (each run in a
# fresh JVM), stops the servers, prints the tables and writes a results file.
#
#   benchmarks/run.sh            full run (about 15 minutes on 2 cores)
#   benchmarks/run.sh --quick    smoke run (2-3 minutes): short runs, one repetition
#   Other options go to the driver: --reps N, --cold-runs N, --clients raw,httplib,...,
#   --workloads get,get-threads,download,upload,gzip,cold
#   benchmarks/run.sh --profile CLIENT   workload (a) for one client under JFR, then a summary
#   of where it allocates and spends CPU (the recording stays in benchmarks/target/)
#   benchmarks/run.sh --serve   only start the servers and keep them up until stopped (for ad hoc
#   measurements with strace, perf or a profiler)
#   Environment: BENCH_NGINX_PORT (18080), BENCH_UPLOAD_PORT (18081), JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NGINX_PORT=${BENCH_NGINX_PORT:-18080}
UPLOAD_PORT=${BENCH_UPLOAD_PORT:-18081}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
QUICK=0
PROFILE=""
SERVE=0
for a in "$@"; do
  [ "$a" = "--quick" ] && QUICK=1
  [ "$a" = "--serve" ] && SERVE=1
  [ "${PREV:-}" = "--profile" ] && PROFILE=$a
  PREV=$a
done

# --- nginx ---------------------------------------------------------------------------------
NGINX=$(command -v nginx || true)
[ -z "$NGINX" ] && [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx
if [ -z "$NGINX" ]; then
  echo "== installing nginx (Debian package nginx-light)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  # Keep the package's own service from starting: this script runs its own nginx.
  POLICY_ADDED=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d; POLICY_ADDED=1
  fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q nginx-light
  [ "$POLICY_ADDED" = 1 ] && $SUDO rm -f /usr/sbin/policy-rc.d
  NGINX=/usr/sbin/nginx
fi

# --- build ---------------------------------------------------------------------------------
echo "== building"
CPFILE=$ROOT/benchmarks/target/classpath.txt
./mvnw -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile="$CPFILE" -Dmdep.includeScope=runtime
CP=$ROOT/benchmarks/target/classes:$(cat "$CPFILE")

# --- servers -------------------------------------------------------------------------------
TMP=$(mktemp -d /tmp/httplib-bench.XXXXXX)
NGINX_PID=""; UPLOAD_PID=""
cleanup() {
  [ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
  [ -n "$UPLOAD_PID" ] && kill "$UPLOAD_PID" 2>/dev/null && wait "$UPLOAD_PID" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

mkdir -p "$TMP/www" "$TMP/logs"
# nginx's workers run as an unprivileged user when started by root: let them read the files.
chmod 755 "$TMP" "$TMP/www"
head -c $((100 * 1024 * 1024)) /dev/urandom > "$TMP/www/large.bin"
# Workload (g): a 1 MiB JSON document and its .gz, which gzip_static serves to clients that accept gzip.
"$JAVA" -cp "$CP" io.httplib.bench.JsonBody "$TMP/www/data.json"
chmod 644 "$TMP/www/large.bin" "$TMP/www/data.json" "$TMP/www/data.json.gz"
BODY64=$(printf '%064d' 0 | tr 0 x)
cat > "$TMP/nginx.conf" <<CONF
worker_processes 2;
daemon off;
pid $TMP/nginx.pid;
error_log $TMP/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  # One connection carries a whole run: never close it for its request count or idleness.
  keepalive_requests 1000000000;
  keepalive_timeout 600s;
  default_type application/octet-stream;
  client_body_temp_path $TMP/client_body;
  proxy_temp_path $TMP/proxy;
  fastcgi_temp_path $TMP/fastcgi;
  uwsgi_temp_path $TMP/uwsgi;
  scgi_temp_path $TMP/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $TMP/www;
    location = /64 { return 200 "$BODY64"; }
    location = /data.json { gzip_static on; default_type application/json; }
  }
}
CONF
"$NGINX" -p "$TMP" -c "$TMP/nginx.conf" &
NGINX_PID=$!
"$JAVA" -Xmx512m -cp "$CP" io.httplib.bench.UploadServer "$UPLOAD_PORT" > "$TMP/logs/upload.log" 2>&1 &
UPLOAD_PID=$!

wait_port() {
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on port $1" >&2; cat "$TMP/logs/"* >&2 || true; exit 1
}
wait_port "$NGINX_PORT"
wait_port "$UPLOAD_PORT"

# --- run -----------------------------------------------------------------------------------
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
JDK=$("$JAVA" -XshowSettings:properties -version 2>&1 | grep -E 'java.runtime.version|java.vm.name' | sed 's/.*= //' | paste -sd' ')
NGINX_VERSION=$("$NGINX" -v 2>&1 | sed 's/.*: //')
MACHINE="$(nproc) cores, $CPU, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); JDK $JDK; $NGINX_VERSION; load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$SERVE" = 1 ]; then
  echo "== serving: nginx on 127.0.0.1:$NGINX_PORT (/64, /large.bin, /data.json gzip), uploads on 127.0.0.1:$UPLOAD_PORT; stop with kill $$"
  echo "== classpath: $CP"
  trap 'exit 0' TERM INT
  while true; do sleep 1; done
fi
if [ -n "$PROFILE" ]; then
  JFR=$ROOT/benchmarks/target/profile-$PROFILE.jfr
  "$JAVA" -Xms1g -Xmx1g -Dbench.nginxPort="$NGINX_PORT" -Dbench.uploadPort="$UPLOAD_PORT" \
    -Dbench.warmup=5 -Dbench.measure=15 \
    -XX:StartFlightRecording=filename="$JFR",settings=profile,delay=5s \
    -cp "$CP" io.httplib.bench.Worker "$PROFILE" get
  "$JAVA" -cp "$CP" io.httplib.bench.JfrSummary "$JFR" 30
  exit 0
fi
if [ "$QUICK" = 1 ]; then
  OUT=$ROOT/benchmarks/target/results-quick.md
else
  OUT=$ROOT/benchmarks/results/results-$(date +%Y%m%d-%H%M%S).md
fi
echo "== $MACHINE"
"$JAVA" -cp "$CP" -Dbench.nginxPort="$NGINX_PORT" -Dbench.uploadPort="$UPLOAD_PORT" \
  io.httplib.bench.Driver --out "$OUT" --machine "$MACHINE" "$@"
