#!/usr/bin/env bash
# The RestClient benchmark: Spring's RestClient over every request factory Spring Boot 4 can
# build (simple, jdk, apache, jetty, reactor, httplib), each built as Boot builds it by default,
# over HTTP and HTTPS. Installs nginx (and openssl, strace when asked for) if missing, builds the
# benchmarks-restclient module, makes a test CA and server certificate with openssl, starts nginx
# (plain, TLS, stub_status) and the upload sink (plain and TLS) on loopback, runs every factory
# through every workload (each run in a fresh JVM), stops the servers, prints the tables and
# writes a results file under benchmarks/results/.
#
#   benchmarks/run-restclient.sh               full run: 3 repetitions (about 75 minutes on 2 cores)
#   benchmarks/run-restclient.sh --quick       smoke run: short runs, one repetition
#   Other options go to the driver: --reps N, --factories simple,httplib,...,
#   --schemes http,https, --workloads get,threads,download,upload,newconn,
#   --variants plain,obs,listener,obs+listener
#   benchmarks/run-restclient.sh --profile httplib [--scheme http]   sequential GETs of one factory
#     under JFR (after the warm-up), then a summary of CPU samples and allocation by layer and method
#   benchmarks/run-restclient.sh --strace httplib,simple [--scheme http]   strace -c -f attached to the
#     worker for exactly its measured requests, then system calls per request
#   benchmarks/run-restclient.sh --trust bundle ...   the clients trust the test CA through a Spring
#     Boot SslBundle (HttpClientSettings.sslBundle) instead of the JVM's trust store (--trust jvm)
#   benchmarks/run-restclient.sh --serve       only start the servers and keep them up until stopped
#   Environment: BENCH_RC_NGINX_PORT (18090), BENCH_RC_NGINX_TLS_PORT (18453), BENCH_RC_STATUS_PORT
#   (18092), BENCH_RC_SINK_PORT (18091), BENCH_RC_SINK_TLS_PORT (18454), JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
NGINX_PORT=${BENCH_RC_NGINX_PORT:-18090}
NGINX_TLS_PORT=${BENCH_RC_NGINX_TLS_PORT:-18453}
STATUS_PORT=${BENCH_RC_STATUS_PORT:-18092}
SINK_PORT=${BENCH_RC_SINK_PORT:-18091}
SINK_TLS_PORT=${BENCH_RC_SINK_TLS_PORT:-18454}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
KEYTOOL=$(dirname "$(readlink -f "$(command -v "$JAVA")")")/keytool
QUICK=0
SERVE=0
PROFILE=""
STRACE=""
SCHEMES="http https"
TRUST=jvm
DRIVER_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1; DRIVER_ARGS+=("$1") ;;
    --serve) SERVE=1 ;;
    --profile) PROFILE=$2; shift ;;
    --strace) STRACE=$2; shift ;;
    --scheme) SCHEMES=$2; shift ;;
    --trust) TRUST=$2; shift ;;
    *) DRIVER_ARGS+=("$1") ;;
  esac
  shift
done

# --- tools ---------------------------------------------------------------------------------
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
APT_UPDATED=0
apt_install() {
  [ "$APT_UPDATED" = 1 ] || { $SUDO apt-get update -q; APT_UPDATED=1; }
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "$@"
}
NGINX=$(command -v nginx || true)
[ -z "$NGINX" ] && [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx
if [ -z "$NGINX" ]; then
  echo "== installing nginx (Debian package nginx-light)"
  # Keep the package's own service from starting: this script runs its own nginx.
  POLICY_ADDED=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d; POLICY_ADDED=1
  fi
  apt_install nginx-light
  [ "$POLICY_ADDED" = 1 ] && $SUDO rm -f /usr/sbin/policy-rc.d
  NGINX=/usr/sbin/nginx
fi
command -v openssl >/dev/null || { echo "== installing openssl"; apt_install openssl; }
if [ -n "$STRACE" ] && ! command -v strace >/dev/null; then
  echo "== installing strace"; apt_install strace
fi

# --- build ---------------------------------------------------------------------------------
echo "== building"
CPFILE=$ROOT/benchmarks-restclient/target/classpath.txt
./mvnw -B -q -pl benchmarks-restclient -am -Dmaven.test.skip=true package dependency:build-classpath \
  -Dmdep.outputFile="$CPFILE" -Dmdep.includeScope=runtime
CP=$ROOT/benchmarks-restclient/target/classes:$(cat "$CPFILE")
OUTDIR=$ROOT/benchmarks-restclient/target

# --- certificates and servers --------------------------------------------------------------
TMP=$(mktemp -d /tmp/httplib-rc-bench.XXXXXX)
NGINX_PID=""; SINK_PID=""
cleanup() {
  [ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
  [ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null && wait "$SINK_PID" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

mkdir -p "$TMP/www" "$TMP/logs" "$TMP/tls"
# nginx's workers run as an unprivileged user when started by root: let them read the files.
chmod 755 "$TMP" "$TMP/www" "$TMP/tls"
LARGE_BYTES=$((100 * 1024 * 1024))
head -c $LARGE_BYTES /dev/urandom > "$TMP/www/large.bin"
chmod 644 "$TMP/www/large.bin"

# A test CA and a server certificate for 127.0.0.1 signed by it (ECDSA P-256), used by nginx and
# the upload sink. The clients trust the CA as the JVM's trust store (--trust jvm, the default:
# javax.net.ssl.trustStore, no SslBundle, as for a CA installed in the JDK) or through a Spring
# Boot SslBundle in the HttpClientSettings (--trust bundle, as spring.http.clients.ssl.bundle does).
(
  cd "$TMP/tls"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.pem \
    -days 30 -subj "/CN=httplib benchmark CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout server.key -out server.csr \
    -subj "/CN=127.0.0.1" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' > server.ext
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 30 \
    -extfile server.ext 2>/dev/null
  openssl pkcs12 -export -in server.pem -inkey server.key -out server.p12 -passout pass:bench -name server
  "$KEYTOOL" -importcert -noprompt -alias bench-ca -file ca.pem -keystore trust.p12 \
    -storetype PKCS12 -storepass benchmark >/dev/null
  chmod 644 ./*
)

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
  # TLS 1.3 and 1.2; sessions resumable by ticket (keys made once, before the workers fork) and
  # by id (a cache shared by the workers).
  ssl_protocols TLSv1.2 TLSv1.3;
  ssl_session_cache shared:BENCH:10m;
  ssl_session_timeout 10m;
  # Per connection of the new-connection run: was the session resumed ("r") or not (".").
  log_format handshake '\$ssl_session_reused \$ssl_protocol \$connection \$args';
  server {
    listen 127.0.0.1:$NGINX_PORT;
    listen 127.0.0.1:$NGINX_TLS_PORT ssl;
    ssl_certificate $TMP/tls/server.pem;
    ssl_certificate_key $TMP/tls/server.key;
    root $TMP/www;
    location = /64 { return 200 "$BODY64"; }
    # A new connection for every request: answered with Connection: close.
    location = /close/64 {
      keepalive_timeout 0;
      access_log $TMP/logs/handshakes.log handshake;
      return 200 "$BODY64";
    }
  }
  server {
    listen 127.0.0.1:$STATUS_PORT;
    location = /status { stub_status; }
  }
}
CONF
"$NGINX" -p "$TMP" -c "$TMP/nginx.conf" &
NGINX_PID=$!
"$JAVA" -Xmx512m -cp "$CP" io.httplib.bench.restclient.UploadSink "$SINK_PORT" "$SINK_TLS_PORT" \
  "$TMP/tls/server.p12" bench > "$TMP/logs/sink.log" 2>&1 &
SINK_PID=$!

wait_port() {
  for _ in $(seq 1 150); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on port $1" >&2; cat "$TMP/logs/"* >&2 || true; exit 1
}
for p in "$NGINX_PORT" "$NGINX_TLS_PORT" "$STATUS_PORT" "$SINK_PORT" "$SINK_TLS_PORT"; do wait_port "$p"; done

PROPS=(-Dbench.host=127.0.0.1 -Dbench.nginxPort="$NGINX_PORT" -Dbench.nginxTlsPort="$NGINX_TLS_PORT"
  -Dbench.statusPort="$STATUS_PORT" -Dbench.sinkPort="$SINK_PORT" -Dbench.sinkTlsPort="$SINK_TLS_PORT"
  -Dbench.caFile="$TMP/tls/ca.pem" -Dbench.handshakeLog="$TMP/logs/handshakes.log"
  -Dbench.largeBytes="$LARGE_BYTES" -Dbench.trust="$TRUST")
if [ "$TRUST" = jvm ]; then
  PROPS+=(-Djavax.net.ssl.trustStore="$TMP/tls/trust.p12" -Djavax.net.ssl.trustStorePassword=benchmark
    -Djavax.net.ssl.trustStoreType=PKCS12)
elif [ "$TRUST" != bundle ]; then
  echo "--trust is jvm or bundle, not $TRUST" >&2; exit 2
fi

CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
JDK=$("$JAVA" -XshowSettings:properties -version 2>&1 | grep -E 'java.runtime.version|java.vm.name' | sed 's/.*= //' | paste -sd' ')
NGINX_VERSION=$("$NGINX" -v 2>&1 | sed 's/.*: //')
OPENSSL_VERSION=$(openssl version | cut -d' ' -f1-2)
MACHINE="$(nproc) cores, $CPU, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); JDK $JDK; $NGINX_VERSION ($OPENSSL_VERSION, ECDSA P-256 certificate, CA trusted by: $TRUST); load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$SERVE" = 1 ]; then
  echo "== serving: nginx on 127.0.0.1:$NGINX_PORT and :$NGINX_TLS_PORT (TLS), status :$STATUS_PORT, upload sink :$SINK_PORT and :$SINK_TLS_PORT (TLS); stop with kill $$"
  echo "== CA: $TMP/tls/ca.pem"
  echo "== worker: $JAVA -Xms1g -Xmx1g ${PROPS[*]} -cp <classpath> io.httplib.bench.restclient.Worker FACTORY SCHEME WORKLOAD VARIANT"
  echo "== classpath: $CP"
  trap 'exit 0' TERM INT
  while true; do sleep 1; done
fi

# The value of key=... in a RESULT line.
field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }

if [ -n "$PROFILE" ]; then
  for scheme in $SCHEMES; do
    mkdir -p "$OUTDIR"
    JFR=$OUTDIR/profile-$PROFILE-$scheme.jfr
    REPORT=$OUTDIR/profile-$PROFILE-$scheme.txt
    echo "== JFR: $PROFILE over $scheme, sequential GETs (15 s measured after a 5 s warm-up)"
    LINE=$("$JAVA" -Xms1g -Xmx1g "${PROPS[@]}" -Dbench.warmup=5 -Dbench.measure=15 -Dbench.jfr="$JFR" \
      -cp "$CP" io.httplib.bench.restclient.Worker "$PROFILE" "$scheme" get plain | grep '^RESULT' || true)
    [ -n "$LINE" ] || { echo "the profiled run failed" >&2; exit 1; }
    echo "$LINE"
    USER_US=$(awk -v c="$(field "$LINE" threadCpuUsPerOp)" -v s="$(field "$LINE" threadSysUsPerOp)" 'BEGIN {printf "%.2f", c - s}')
    { echo "$LINE"; echo;
      "$JAVA" -cp "$CP" io.httplib.bench.restclient.ProfileReport "$JFR" --thread main --user-us "$USER_US" \
        --requests "$(field "$LINE" n)" --top 30; } > "$REPORT"
    cat "$REPORT"
    echo "== report: $REPORT, recording: $JFR"
  done
  exit 0
fi

if [ -n "$STRACE" ]; then
  for scheme in $SCHEMES; do
    for factory in ${STRACE//,/ }; do
      N=${BENCH_STRACE_REQUESTS:-20000}
      SYNC=$TMP/sync-$factory-$scheme; mkdir -p "$SYNC"
      OUT=$OUTDIR/strace-$factory-$scheme.txt
      echo "== strace -c -f: $factory over $scheme, $N sequential GETs after a 5 s warm-up"
      "$JAVA" -Xms1g -Xmx1g "${PROPS[@]}" -Dbench.warmup=5 -Dbench.measureOps="$N" -Dbench.syncDir="$SYNC" \
        -cp "$CP" io.httplib.bench.restclient.Worker "$factory" "$scheme" get plain > "$SYNC/worker.log" 2>&1 &
      WPID=$!
      while [ ! -e "$SYNC/ready" ]; do sleep 0.1; kill -0 $WPID 2>/dev/null || { cat "$SYNC/worker.log"; exit 1; }; done
      strace -c -f -p $WPID -o "$SYNC/strace.txt" 2>/dev/null &
      SPID=$!
      sleep 2   # let strace attach to every thread
      touch "$SYNC/go"
      while [ ! -e "$SYNC/done" ]; do sleep 0.1; done
      kill -INT $SPID; wait $SPID || true
      touch "$SYNC/stop"
      wait $WPID || { cat "$SYNC/worker.log"; exit 1; }
      LINE=$(grep '^RESULT' "$SYNC/worker.log")
      { echo "$LINE"; echo; "$JAVA" -cp "$CP" io.httplib.bench.restclient.StraceReport "$SYNC/strace.txt" "$N";
        echo; echo "raw strace -c -f summary:"; cat "$SYNC/strace.txt"; } > "$OUT"
      cat "$OUT"
    done
  done
  exit 0
fi

if [ "$QUICK" = 1 ]; then
  OUT=$OUTDIR/results-quick.md
else
  OUT=$ROOT/benchmarks/results/restclient-$(date +%Y%m%d-%H%M%S)$([ "$TRUST" = bundle ] && echo -trust-bundle || true).md
fi
echo "== $MACHINE"
"$JAVA" -cp "$CP" "${PROPS[@]}" io.httplib.bench.restclient.Driver --out "$OUT" --machine "$MACHINE" "${DRIVER_ARGS[@]}"
