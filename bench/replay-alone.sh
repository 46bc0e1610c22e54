#!/usr/bin/env bash
# Replay speed of each projection rebuilt alone, and the cold start of all of them (docs/performance-log.md, "Replay
# speed"): bench/replay-alone.sh <events> [processor...]
#
# On a database of its own (BENCH_DB_NAME, default workspaces_replay; dropped and created when it holds another
# number of events) the event log is filled with <events> events by the bench's seeder (as its replay phase fills
# its log: a creation, an admin, then description changes per workspace, written with SQL), and the query side's jar
# (BENCH_QUERY_JAR, default this build's) is started on it:
#   cold start (when the database was just filled, or with BENCH_COLD=1; BENCH_COLD=0 skips it): every processor
#     from an empty read side; time from the process's start until every processor's token is at the head of the log;
#   then for each processor named ('none': none; default: workspaces history audit-chain feed webhook-outbox): the query side is
#     stopped, that processor's token rows and tables are emptied, the query side is started again, and the
#     processor is timed from its first committed batch until its token is at the head (what a start costs is left
#     out: the events of that first batch are not counted).
# For each it prints events/s and the CPU-seconds per 1,000 events of the query side's JVM and of the PostgreSQL
# backends serving the database (from /proc, so on a loaded machine the CPU figures are the ones to compare), and
# appends a JSON line to bench/results/replay-<label>.jsonl (BENCH_LABEL, default the events).
# BENCH_QUERY_PORT (18192): the query side's port; BENCH_QUERY_JAVA_OPTS: JVM options of the query side (e.g. a JFR recording).
# Needs PostgreSQL on the machine (WORKSPACES_DB_SERVER, default jdbc:postgresql://localhost:5432, user postgres).
set -euo pipefail
cd "$(dirname "$0")/.."

events="${1:?usage: bench/replay-alone.sh <events> [processor...]}"
shift
processors=("$@")
[[ ${#processors[@]} -gt 0 ]] || processors=(workspaces history audit-chain feed webhook-outbox)
[[ "${processors[*]}" != none ]] || processors=()
server="${WORKSPACES_DB_SERVER:-jdbc:postgresql://localhost:5432}"
db_name="${BENCH_DB_NAME:-workspaces_replay}"
user="${WORKSPACES_DB_USER:-postgres}"
port="${BENCH_QUERY_PORT:-18192}"
label="${BENCH_LABEL:-$events}"
query_jar="${BENCH_QUERY_JAR:-$(ls query-side/target/query-side-*-exec.jar)}"
bench_jar="$(ls bench/target/bench-*-exec.jar)"
psql_server="${server#jdbc:}"
sql() { psql "$psql_server/$1" -U "$user" -qAtX -v ON_ERROR_STOP=1 -c "$2"; }
clk_tck=$(getconf CLK_TCK)
mkdir -p logs bench/results
results="bench/results/replay-$label.jsonl"

query_pid=""
stop_query() {
  if [[ -n "$query_pid" ]]; then
    kill "$query_pid" 2>/dev/null || true
    wait "$query_pid" 2>/dev/null || true
    query_pid=""
  fi
}
trap stop_query EXIT

start_query() {
  WORKSPACES_DB_URL="$server/$db_name" WORKSPACES_JWT_HMAC_SECRET="$(openssl rand -hex 32)" \
    WORKSPACES_JWT_ISSUER=workspaces-replay WORKSPACES_BROKER_ENABLED=false WORKSPACES_BIND_ADDRESS=127.0.0.1 \
    WORKSPACES_QUERY_PORT="$port" java ${BENCH_QUERY_JAVA_OPTS:-} -jar "$query_jar" \
    >> "logs/replay-query-side-$db_name.log" 2>&1 &
  query_pid=$!
}

await_health() {
  for _ in $(seq 1 "${BENCH_START_SECONDS:-300}"); do
    curl -fs "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && return 0
    kill -0 "$query_pid" 2>/dev/null || { echo "replay: the query side exited; see logs/replay-query-side-$db_name.log" >&2; exit 1; }
    sleep 1
  done
  echo "replay: the query side did not answer its health check" >&2
  exit 1
}

# user + system CPU ticks of a process (0 when it is gone)
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# "pid ticks" of every PostgreSQL backend serving the database
backend_ticks() {
  for pid in $(sql postgres "SELECT pid FROM pg_stat_activity WHERE datname = '$db_name'"); do
    echo "$pid $(ticks "$pid")"
  done
}

# CPU ticks the backends listed now used since the listing $1 (a backend that started since counts whole)
backend_ticks_since() {
  local before="$1" total=0 pid now then
  while read -r pid now; do
    then=$(awk -v pid="$pid" '$1 == pid { print $2 }' <<< "$before")
    total=$(( total + now - ${then:-0} ))
  done < <(backend_ticks)
  echo "$total"
}

# the position a processor's token stands at (the highest over its segments; a replay token's current position),
# -1 without a token or while PostgreSQL does not answer
position() {
  sql "$db_name" "SELECT coalesce(max(greatest(
      coalesce((token::jsonb ->> 'index')::bigint, -1),
      coalesce((token::jsonb -> 'currentToken' ->> 'index')::bigint, -1),
      coalesce((token::jsonb -> 'current_token' ->> 'index')::bigint, -1))), -1)
    FROM token_entry WHERE processor_name = '$1' AND token IS NOT NULL" 2>/dev/null || echo -1
}

head_position() { sql "$db_name" "SELECT coalesce(max(global_index), 0) FROM domain_event_entry"; }
count_events() { sql "$db_name" "SELECT count(*) FROM domain_event_entry"; }

await_head() {
  local head="$1"; shift
  local deadline=$(( SECONDS + ${BENCH_REPLAY_TIMEOUT_SECONDS:-3600} )) name behind
  while (( SECONDS < deadline )); do
    behind=""
    for name in "$@"; do
      (( $(position "$name") >= head )) || { behind="$name"; break; }
    done
    [[ -z "$behind" ]] && return 0
    kill -0 "$query_pid" 2>/dev/null || { echo "replay: the query side exited" >&2; exit 1; }
    sleep 0.5
  done
  echo "replay: $behind did not reach $head" >&2
  exit 1
}

report() { # name events seconds query_ticks pg_ticks
  local line
  line=$(awk -v name="$1" -v n="$2" -v s="$3" -v q="$4" -v p="$5" -v hz="$clk_tck" -v label="$label" 'BEGIN {
    printf "{\"label\":\"%s\",\"what\":\"%s\",\"events\":%d,\"seconds\":%.2f,\"events_per_second\":%.0f,", label, name, n, s, n / s
    printf "\"query_cpu_s_per_1000\":%.4f,\"postgres_cpu_s_per_1000\":%.4f}", q / hz / n * 1000, p / hz / n * 1000 }')
  echo "$line" >> "$results"
  awk -v name="$1" -v n="$2" -v s="$3" -v q="$4" -v p="$5" -v hz="$clk_tck" 'BEGIN {
    printf "%-16s %9d events %8.1f s %7.0f events/s   CPU-s per 1,000 events: query %.3f, postgres %.3f\n",
      name, n, s, n / s, q / hz / n * 1000, p / hz / n * 1000 }'
}

# a database holding exactly the events asked for, its schema made by the query side
if [[ "$(sql postgres "SELECT count(*) FROM pg_database WHERE datname = '$db_name'")" == 1 ]] \
    && [[ "$(count_events 2>/dev/null || echo none)" == "$events" ]]; then
  echo "replay: $db_name already holds $events events" >&2
else
  sql postgres "DROP DATABASE IF EXISTS $db_name WITH (FORCE)"
  sql postgres "CREATE DATABASE $db_name"
  echo "replay: creating the schema" >&2
  start_query; await_health; stop_query
  started=$SECONDS
  java -jar "$bench_jar" seed "$server/$db_name" "$events" > /dev/null
  sql "$db_name" "VACUUM (ANALYZE) domain_event_entry"
  echo "replay: seeded $(count_events) events in $(( SECONDS - started )) s" >&2
  BENCH_COLD="${BENCH_COLD:-1}"
fi
head=$(head_position)
all=(workspaces history audit-chain feed webhook-outbox)

tables_of() {
  case "$1" in
    workspaces) echo "workspace_view_v1, membership_v1, workspace_entity_v1" ;;
    history) echo "workspace_history_v1" ;;
    audit-chain) echo "audit_chain" ;;
    feed) echo "feed_event" ;;
    webhook-outbox) echo "webhook_attempt, webhook_delivery" ;;
    *) echo "replay: unknown processor $1" >&2; exit 2 ;;
  esac
}

reset_read_side() { # processors...
  local name tables=""
  for name in "$@"; do tables="$tables${tables:+, }$(tables_of "$name")"; done
  sql "$db_name" "TRUNCATE $tables RESTART IDENTITY CASCADE"
  for name in "$@"; do sql "$db_name" "DELETE FROM token_entry WHERE processor_name = '$name'"; done
  sql "$db_name" "CHECKPOINT"
}

if [[ "${BENCH_COLD:-0}" == 1 ]]; then
  reset_read_side "${all[@]}"
  echo "replay: cold start of every projection over $(count_events) events" >&2
  pg_before=$(backend_ticks)
  started=$(date +%s.%N)
  start_query
  await_head "$head" "${all[@]}"
  ended=$(date +%s.%N)
  report "cold-start-all" "$(count_events)" "$(echo "$ended - $started" | bc)" "$(ticks "$query_pid")" \
    "$(backend_ticks_since "$pg_before")"
  stop_query
fi

# each processor alone: from its first committed batch (what a start costs, JIT compilation of the start and all, is
# left out) until its token is at the head
for name in ${processors[@]+"${processors[@]}"}; do
  reset_read_side "$name"
  start_query
  deadline=$(( SECONDS + ${BENCH_START_SECONDS:-300} ))
  while (( $(position "$name") < 0 )); do
    (( SECONDS < deadline )) && kill -0 "$query_pid" 2>/dev/null || { echo "replay: $name did not start" >&2; exit 1; }
    sleep 0.1
  done
  pg_before=$(backend_ticks)
  q_before=$(ticks "$query_pid")
  started=$(date +%s.%N)
  from=$(position "$name")
  (( from < head )) || { echo "replay: $name was at the head before it was first seen moving; use more events" >&2; exit 1; }
  await_head "$head" "$name"
  ended=$(date +%s.%N)
  report "$name" "$(( head - from ))" "$(echo "$ended - $started" | bc)" "$(( $(ticks "$query_pid") - q_before ))" \
    "$(backend_ticks_since "$pg_before")"
  stop_query
done
