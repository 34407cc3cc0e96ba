#!/usr/bin/env bash
# Interop check with a real forward proxy: installs tinyproxy (Debian package) and uses nginx
# (installed by benchmarks/run.sh, or here), makes a throw-away CA with openssl, starts nginx on
# loopback (plain and TLS origins) and tinyproxy with Basic authentication, then runs
# io.httplib.samples.core.ProxyInterop through it: GET and a 100 KiB POST over plain HTTP (absolute
# form) and HTTPS (CONNECT), connection reuse, and the 407 without credentials. Everything is
# stopped at the end; the exit code is the check's. Run on demand, never in CI:
#
#   interop/proxy.sh
#
# Environment: PROXY_PORT (18128), ORIGIN_PORT (18180), ORIGIN_TLS_PORT (18443), JAVA_HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PROXY_PORT=${PROXY_PORT:-18128}
ORIGIN_PORT=${ORIGIN_PORT:-18180}
ORIGIN_TLS_PORT=${ORIGIN_TLS_PORT:-18443}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo

install_pkg() { # package binary
  if ! command -v "$2" >/dev/null && [ ! -x "/usr/sbin/$2" ] && [ ! -x "/usr/bin/$2" ]; then
    echo "== installing $1 (Debian package)"
    POLICY_ADDED=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then  # keep the package's own service from starting
      printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
      $SUDO chmod +x /usr/sbin/policy-rc.d; POLICY_ADDED=1
    fi
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "$1"
    [ "$POLICY_ADDED" = 1 ] && $SUDO rm -f /usr/sbin/policy-rc.d
  fi
}
install_pkg tinyproxy tinyproxy
install_pkg nginx-light nginx
TINYPROXY=$(command -v tinyproxy || echo /usr/bin/tinyproxy)
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

TMP=$(mktemp -d /tmp/httplib-proxy-interop.XXXXXX)
NGINX_PID=""; PROXY_PID=""
cleanup() {
  [ -n "$PROXY_PID" ] && kill "$PROXY_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

echo "== test CA and origin certificate (openssl)"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=httplib interop CA" \
  -keyout "$TMP/ca.key" -out "$TMP/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$TMP/origin.key" -out "$TMP/origin.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost\n' > "$TMP/san.ext"
openssl x509 -req -in "$TMP/origin.csr" -CA "$TMP/ca.pem" -CAkey "$TMP/ca.key" -CAcreateserial -days 2 \
  -extfile "$TMP/san.ext" -out "$TMP/origin.pem" 2>/dev/null

echo "== nginx on 127.0.0.1:$ORIGIN_PORT and :$ORIGIN_TLS_PORT (TLS)"
chmod 755 "$TMP"
mkdir -p "$TMP/www"
echo hello > "$TMP/www/hello"
chmod -R a+rX "$TMP/www"
cat > "$TMP/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log;
events { worker_connections 256; }
http {
  access_log $TMP/nginx-access.log;
  client_body_temp_path $TMP/body;
  client_max_body_size 10m;
  server {
    listen 127.0.0.1:$ORIGIN_PORT;
    listen 127.0.0.1:$ORIGIN_TLS_PORT ssl;
    ssl_certificate $TMP/origin.pem;
    ssl_certificate_key $TMP/origin.key;
    root $TMP/www;
    location = /echo { client_body_in_single_buffer on; return 200 "received \$content_length\n"; }
  }
}
CONF
"$NGINX" -c "$TMP/nginx.conf" -p "$TMP" &
NGINX_PID=$!

echo "== tinyproxy on 127.0.0.1:$PROXY_PORT with Basic authentication"
cat > "$TMP/tinyproxy.conf" <<CONF
Port $PROXY_PORT
Listen 127.0.0.1
Timeout 30
MaxClients 50
LogLevel Info
LogFile "$TMP/tinyproxy.log"
PidFile "$TMP/tinyproxy.pid"
BasicAuth svc s3cret
DisableViaHeader Yes
CONF
"$TINYPROXY" -d -c "$TMP/tinyproxy.conf" &
PROXY_PID=$!
sleep 1

echo "== building the sample"
./mvnw -B -q -pl samples/core-example -am -DskipTests package
CP="$ROOT/samples/core-example/target/classes:$ROOT/httplib-core/target/classes"

echo "== $("$TINYPROXY" -v 2>&1 | head -1), $("$NGINX" -v 2>&1), $("$JAVA" -version 2>&1 | head -1)"
set +e
"$JAVA" -cp "$CP" io.httplib.samples.core.ProxyInterop 127.0.0.1 "$PROXY_PORT" svc s3cret \
  "http://localhost:$ORIGIN_PORT" "https://localhost:$ORIGIN_TLS_PORT" "$TMP/ca.pem"
RC=$?
set -e
echo "== what tinyproxy saw"
grep -E "Request|CONNECT|Authentication|407" "$TMP/tinyproxy.log" | sed 's/^/   /' | tail -20 || true
exit $RC
