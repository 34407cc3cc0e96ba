#!/usr/bin/env bash
# The pool under contention (docs/performance.md, "The pool under contention"): one HttplibClient,
# pool 16 per route, nginx on loopback, GETs of a 64-byte body with every body checked; 64 platform
# threads on the default JDK, and 2,000 virtual threads on a JDK 21 or later; 200,000 requests per
# run after a warm-up round, each run in a fresh JVM, the configurations alternated per repetition.
# nginx is installed and started by `benchmarks/run.sh --serve` (the same server as the main
# benchmark), which this script starts and stops.
#
#   benchmarks/contention.sh                  3 repetitions of each configuration
#   benchmarks/contention.sh --reps 1         one repetition
#   benchmarks/contention.sh --baseline PATH  also run every configuration on another build of
#                                             httplib-core (its target/classes directory or jar),
#                                             alternating with this one: before/after a change under
#                                             the same conditions (see docs/performance.md for how
#                                             to build the earlier commit's core)
#   benchmarks/contention.sh --core PATH      run on another build of httplib-core instead of this one
#   benchmarks/contention.sh --label TEXT     a name for the runs in the results file
#   Environment: JAVA_HOME (platform threads; default: java on the PATH), VIRTUAL_JAVA_HOME (a JDK 21+
#   for virtual threads; default /usr/lib/jvm/temurin-25-jdk-amd64), BENCH_NGINX_PORT (18080),
#   BENCH_REQUESTS (200000), BENCH_PLATFORM_THREADS (64), BENCH_VIRTUAL_THREADS (2000),
#   BENCH_KINDS ("platform virtual"; one of them to run only that kind).
# Writes benchmarks/results/contention-DATE.md with the machine, every RESULT line and a table.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
VJAVA=${VIRTUAL_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
NGINX_PORT=${BENCH_NGINX_PORT:-18080}
REQUESTS=${BENCH_REQUESTS:-200000}
PLATFORM_THREADS=${BENCH_PLATFORM_THREADS:-64}
VIRTUAL_THREADS=${BENCH_VIRTUAL_THREADS:-2000}
KINDS=${BENCH_KINDS:-platform virtual}
REPS=3
CORE=""
BASELINE=""
LABEL=$(git rev-parse --short HEAD 2>/dev/null || echo working-tree)
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) REPS=$2; shift 2 ;;
    --core) CORE=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
    --baseline) BASELINE=$(cd "$(dirname "$2")" && pwd)/$(basename "$2"); shift 2 ;;
    --label) LABEL=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x "$VJAVA" ] || { echo "no JDK 21+ at $VJAVA (set VIRTUAL_JAVA_HOME)" >&2; exit 2; }

# --- servers (and the build) through run.sh --serve ----------------------------------------
SERVE_LOG=$(mktemp /tmp/httplib-contention.XXXXXX)
BENCH_NGINX_PORT=$NGINX_PORT benchmarks/run.sh --serve > "$SERVE_LOG" 2>&1 &
SERVE_PID=$!
stop() {
  kill "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null || true
  rm -f "$SERVE_LOG"
}
trap stop EXIT
for _ in $(seq 1 1200); do
  grep -q '^== classpath: ' "$SERVE_LOG" && break
  kill -0 "$SERVE_PID" 2>/dev/null || { cat "$SERVE_LOG" >&2; exit 1; }
  sleep 0.5
done
CP=$(sed -n 's/^== classpath: //p' "$SERVE_LOG")
[ -n "$CP" ] || { cat "$SERVE_LOG" >&2; exit 1; }
with_core() { # classpath with httplib-core swapped for $1
  printf '%s' "$CP" | tr ':' '\n' | sed "s|^.*/httplib-core/target/.*$|$1|" | paste -sd:
}
[ -n "$CORE" ] && CP=$(with_core "$CORE")
BASE_CP=""
[ -n "$BASELINE" ] && BASE_CP=$(with_core "$BASELINE")

# --- runs ----------------------------------------------------------------------------------
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
MACHINE="$(nproc) cores, $CPU; JDKs: $("$JAVA" -version 2>&1 | head -1), $("$VJAVA" -version 2>&1 | head -1); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
OUT=$ROOT/benchmarks/results/contention-$(date +%Y%m%d-%H%M%S).md
LINES=()
run() { # kind threads java classpath core-label
  local line
  line=$("$3" -Xms1g -Xmx1g -Dbench.nginxPort="$NGINX_PORT" -cp "$4" io.httplib.bench.Contention \
    "$1" "$2" "$REQUESTS" | tee /dev/stderr | grep '^RESULT ' || true)
  [ -n "$line" ] || { echo "run $1 $2 printed no RESULT" >&2; exit 1; }
  LINES+=("$line core=$5 load=$(cut -d' ' -f1 /proc/loadavg)")
}
echo "== $MACHINE"
for rep in $(seq 1 "$REPS"); do
  echo "== repetition $rep of $REPS"
  for kind in $KINDS; do
    if [ "$kind" = platform ]; then threads=$PLATFORM_THREADS; java=$JAVA; else threads=$VIRTUAL_THREADS; java=$VJAVA; fi
    # With a baseline, alternate which build goes first.
    if [ -n "$BASE_CP" ] && [ $((rep % 2)) = 1 ]; then run "$kind" "$threads" "$java" "$BASE_CP" baseline; fi
    run "$kind" "$threads" "$java" "$CP" this
    if [ -n "$BASE_CP" ] && [ $((rep % 2)) = 0 ]; then run "$kind" "$threads" "$java" "$BASE_CP" baseline; fi
  done
done

# --- report --------------------------------------------------------------------------------
{
  echo "# Pool under contention: $LABEL"
  echo
  echo "$(date -u +'%Y-%m-%d %H:%M UTC'); $MACHINE${CORE:+; httplib-core from $CORE}${BASELINE:+; baseline httplib-core from $BASELINE}"
  echo
  echo "| core | callers | JDK | req/s | p50 ms | p99 ms | p99.9 ms | max ms | wait p50 ms | wait p99 ms | wait p99.9 ms | wait max ms | fair wait ms | max/fair | PoolTimeout | failures | max pending | CPU us/req | switches/req | GC ms | jitter max ms | load |"
  echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for l in "${LINES[@]}"; do
    printf '%s\n' "$l" | tr ' ' '\n' | awk -F= '
      { v[$1] = $2 }
      END {
        printf "| %s | %s %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
          v["core"], v["threads"], v["kind"], v["jdk"], v["rps"], v["p50ms"], v["p99ms"], v["p999ms"], v["maxms"],
          v["waitP50ms"], v["waitP99ms"], v["waitP999ms"], v["waitMaxms"], v["fairWaitms"],
          v["maxWaitOverFair"], v["poolTimeouts"], v["failures"], v["maxPending"], v["cpuUsPerReq"], v["switchesPerReq"], v["gcMs"], (v["jitterMaxms"] == "" ? "-" : v["jitterMaxms"]), v["load"]
      }'
  done
  echo
  echo '```'
  printf '%s\n' "${LINES[@]}"
  echo '```'
} > "$OUT"
cat "$OUT"
echo "== written to $OUT"
