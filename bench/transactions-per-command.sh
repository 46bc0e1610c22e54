#!/usr/bin/env bash
# PostgreSQL transactions per command: ./bench/transactions-per-command.sh [count] [clients]
# Against a running service (./run.sh, same environment variables), PATCHes workspace descriptions <count>
# times (default 200) by id, then <count> times by name, and counts the commits of the service's database
# (pg_stat_database.xact_commit) around each run, both sides together. <clients> (default 1) clients send
# at once, one request at a time each, each to a workspace of its own.
# The query side's processors also commit while the service is idle (token claims, polls), so the commits
# of an idle period are counted first and their rate is subtracted ("net"); "raw" is everything.
set -euo pipefail
cd "$(dirname "$0")/.."

count="${1:-200}"
clients="${2:-1}"
[[ "$count" =~ ^[1-9][0-9]*$ && "$clients" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [count] [clients]" >&2; exit 2; }
per_client=$(( (count + clients - 1) / clients ))
count=$(( per_client * clients ))
host="${WORKSPACES_BIND_ADDRESS:-127.0.0.1}"
command_url="http://$host:${WORKSPACES_COMMAND_PORT:-8081}"
query_url="http://$host:${WORKSPACES_QUERY_PORT:-8082}"
db_url="${WORKSPACES_DB_URL:-jdbc:postgresql://localhost:5432/workspaces}"
psql_url="${db_url#jdbc:}"
psql_url="${psql_url%%\?*}"
db_user="${WORKSPACES_DB_USER:-postgres}"
# PostgreSQL publishes a backend's counters at most once a second, and up to 10 s after it went idle
settle=11

commits() {
  psql "$psql_url" -U "$db_user" -XAtqc \
    "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"
}

token="$(./token.sh "bench-$$" workspace-creator)"
auth=(-H "Authorization: Bearer $token")
names=() ids=()
for c in $(seq 1 "$clients"); do
  name="xact-$(date +%s)-$$-$c"
  created="$(curl -fsS "${auth[@]}" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$name\",\"description\":\"start\"}" "$command_url/v1/workspaces")"
  names+=("$name")
  ids+=("$(printf '%s' "$created" | sed -E 's/.*"id":"([^"]+)".*/\1/')")
done

sleep "$settle"
idle_start=$(commits); idle_from=$(date +%s.%N)
sleep 20
idle_end=$(commits); idle_to=$(date +%s.%N)
idle_rate=$(echo "($idle_end - $idle_start) / ($idle_to - $idle_from)" | bc -l)
printf 'idle: %.1f commits/s\n' "$idle_rate"

client() { # label ref: prints the consistency token of its last write
  local label="$1" ref="$2" last=""
  for i in $(seq 1 "$per_client"); do
    last="$(curl -fsS -o /dev/null -D - -X PATCH "${auth[@]}" -H 'Content-Type: application/json' \
      -d "{\"description\":\"$label $i $$\"}" "$command_url/v1/workspaces/$ref" \
      | tr -d '\r' | sed -n 's/^[Xx]-[Cc]onsistency-[Tt]oken: //p')"
  done
  echo "$last"
}

run() { # label ref...
  local label="$1" before after from to newest
  shift
  before=$(commits); from=$(date +%s.%N)
  newest=$(for ref in "$@"; do client "$label" "$ref" & done | sort -n | tail -1; wait)
  # the query side has applied every write once this read answers
  curl -fsS -o /dev/null "${auth[@]}" -H "X-Consistency-Token: $newest" "$query_url/v1/workspaces/${ids[0]}"
  sleep "$settle"
  after=$(commits); to=$(date +%s.%N)
  echo "$label $count $before $after $from $to $idle_rate $clients" | awk '{
    raw = ($4 - $3) / $2; net = ($4 - $3 - $7 * ($6 - $5)) / $2;
    printf "%s, %d client(s): %d PATCHes, %d commits in %.1f s: %.2f raw, %.2f net transactions per command\n",
      $1, $8, $2, $4 - $3, $6 - $5, raw, net }'
}

run by-id "${ids[@]}"
run by-name "${names[@]}"
