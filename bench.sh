#!/usr/bin/env bash
# The benchmark (docs/performance.md): ./bench.sh [quick|full] [--no-build]
# Builds the jars, starts both sides on a fresh database (workspaces_bench, dropped first), runs the load
# generator with pgbench on the same database as the reference, prints tables (throughput and latency; CPU,
# PostgreSQL transactions and WAL syncs per request) and writes bench/results/bench-<size>-<time>.json and .png.
# quick: about two minutes; full: about 20 minutes. BENCH_ACCESS_CHECK_RATE: requests/s of the access-check
# phase (quick 200, full 5000; a list such as 1000,2000,5000 runs it once per rate; 0 skips it).
# BENCH_PHASES=access: only idle, pgbench select-only, role lookups and access checks; BENCH_PHASES=patches: only idle,
# pgbench's 3-statement transaction, PATCHes and the replay; BENCH_PHASES=writes: only idle, pgbench's 3-statement
# transaction, the command mix and PATCHes. BENCH_CLIENTS (e.g. 16): the closed-loop concurrencies.
# BENCH_DB_NAME (workspaces_bench),
# BENCH_COMMAND_PORT (18181), BENCH_QUERY_PORT (18182): to run beside another bench on the same machine.
# BENCH_COMMAND_JAR, BENCH_QUERY_JAR: other builds of the services (e.g. a copy of the jars before a change);
# BENCH_COMMAND_JAVA_OPTS, BENCH_QUERY_JAVA_OPTS, BENCH_LOAD_JAVA_OPTS: JVM options of each side and of the load
# generator (e.g. a JFR recording, GC logs); BENCH_START_SECONDS (180): how long
# to wait for each side to answer its health check.
# Needs PostgreSQL (WORKSPACES_DB_* like the service) and pgbench.
set -euo pipefail
cd "$(dirname "$0")"

size="${1:-quick}"
[[ "$size" == quick || "$size" == full ]] || { echo "usage: ./bench.sh [quick|full] [--no-build]" >&2; exit 2; }
command -v pgbench >/dev/null || { echo "bench: pgbench is not on the PATH (Debian: postgresql-client)" >&2; exit 2; }

server="${WORKSPACES_DB_SERVER:-jdbc:postgresql://localhost:5432}"
db_name="${BENCH_DB_NAME:-workspaces_bench}"
db_url="$server/$db_name"
host=127.0.0.1 command_port="${BENCH_COMMAND_PORT:-18181}" query_port="${BENCH_QUERY_PORT:-18182}"
secret="$(openssl rand -hex 32)"

if [[ "${2:-}" != "--no-build" ]]; then
  echo "building (./mvnw -DskipTests package)..." >&2
  ./mvnw -q -DskipTests package
fi

command_jar="${BENCH_COMMAND_JAR:-$(ls command-side/target/command-side-*-exec.jar)}"
query_jar="${BENCH_QUERY_JAR:-$(ls query-side/target/query-side-*-exec.jar)}"
psql_url="${server#jdbc:}"
psql "$psql_url/postgres" -U "${WORKSPACES_DB_USER:-postgres}" -qc "DROP DATABASE IF EXISTS $db_name WITH (FORCE)" >/dev/null

mkdir -p logs bench/results
export WORKSPACES_DB_URL="$db_url" WORKSPACES_JWT_HMAC_SECRET="$secret" WORKSPACES_JWT_ISSUER=workspaces-bench
export WORKSPACES_BROKER_ENABLED=false WORKSPACES_BIND_ADDRESS="$host"
WORKSPACES_COMMAND_PORT=$command_port java ${BENCH_COMMAND_JAVA_OPTS:-} -jar "$command_jar" > "logs/bench-command-side-$db_name.log" 2>&1 &
command_pid=$!
WORKSPACES_QUERY_PORT=$query_port java ${BENCH_QUERY_JAVA_OPTS:-} -jar "$query_jar" > "logs/bench-query-side-$db_name.log" 2>&1 &
query_pid=$!
trap 'kill "$command_pid" "$query_pid" 2>/dev/null || true; wait 2>/dev/null || true' EXIT

for port in $command_port $query_port; do
  for _ in $(seq 1 "${BENCH_START_SECONDS:-180}"); do curl -fs "http://$host:$port/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
  curl -fs "http://$host:$port/actuator/health" >/dev/null || { echo "bench: a side did not start; see logs/bench-*.log" >&2; exit 1; }
done

java ${BENCH_LOAD_JAVA_OPTS:-} -jar bench/target/bench-*-exec.jar --size="$size" --command-url="http://$host:$command_port" \
  --query-url="http://$host:$query_port" --db-url="$db_url" --jwt-secret="$secret" \
  --jwt-issuer=workspaces-bench --out=bench/results --command-pid="$command_pid" --query-pid="$query_pid"
