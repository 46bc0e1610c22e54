#!/usr/bin/env bash
# Builds both applications and starts them against PostgreSQL (creating the database if missing),
# prints their URLs, and keeps running until Ctrl-C, which stops both.
# Configuration: the environment variables listed in docs/operations.md (WORKSPACES_DB_URL, ports, ...).
set -euo pipefail
cd "$(dirname "$0")"

# Bearer tokens are verified with a local HMAC secret, kept in .local/ (mint tokens with ./token.sh).
mkdir -p .local
if [[ -z "${WORKSPACES_JWT_HMAC_SECRET:-}" ]]; then
  [[ -f .local/jwt-hmac-secret ]] || (umask 077 && openssl rand -hex 32 > .local/jwt-hmac-secret)
  WORKSPACES_JWT_HMAC_SECRET="$(cat .local/jwt-hmac-secret)"
fi
export WORKSPACES_JWT_HMAC_SECRET
export WORKSPACES_JWT_ISSUER="${WORKSPACES_JWT_ISSUER:-workspaces-local}"
command_port="${WORKSPACES_COMMAND_PORT:-8081}"
query_port="${WORKSPACES_QUERY_PORT:-8082}"
host="${WORKSPACES_BIND_ADDRESS:-127.0.0.1}"
# the web console (query side, /console) sends its writes to the command side, which allows the console's origin
export WORKSPACES_CONSOLE_COMMAND_URL="${WORKSPACES_CONSOLE_COMMAND_URL:-http://$host:$command_port}"
export WORKSPACES_CORS_ALLOWED_ORIGINS="${WORKSPACES_CORS_ALLOWED_ORIGINS:-http://$host:$query_port}"

if [[ "${1:-}" != "--no-build" ]]; then
  echo "building (./mvnw package, tests skipped; run them with ./mvnw verify)..."
  ./mvnw -q -DskipTests package
fi

mkdir -p logs
java -jar command-side/target/command-side-*-exec.jar > logs/command-side.log 2>&1 &
command_pid=$!
java -jar query-side/target/query-side-*-exec.jar > logs/query-side.log 2>&1 &
query_pid=$!
trap 'kill "$command_pid" "$query_pid" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
trap 'exit 130' INT TERM

wait_healthy() { # name pid port
  for _ in $(seq 1 120); do
    if curl -fs "http://$host:$3/actuator/health" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then
      echo "$1 failed to start; last lines of logs/$1.log:" >&2
      tail -n 20 "logs/$1.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "$1 did not become healthy within 60 s; see logs/$1.log" >&2
  exit 1
}
wait_healthy command-side "$command_pid" "$command_port"
wait_healthy query-side "$query_pid" "$query_port"

console_link="http://$host:$query_port/console/#token=$(./token.sh alice workspace-creator)"
cat <<INFO

Workspaces service is running (logs in ./logs, Ctrl-C stops it).
  command side  http://$host:$command_port/v1/workspaces
  query side    http://$host:$query_port/v1/workspaces
  API docs      http://$host:$command_port/swagger-ui.html and http://$host:$query_port/swagger-ui.html
  health        http://$host:$command_port/actuator/health and http://$host:$query_port/actuator/health
  tokens        curl -H "Authorization: Bearer \$(./token.sh alice workspace-creator)" ...
  web console   http://$host:$query_port/console/ ; signed in as alice (workspace-creator) for an hour:
                $console_link
                (others: paste the output of ./token.sh <principal> [platform-role ...] on its sign-in page)
INFO
wait
