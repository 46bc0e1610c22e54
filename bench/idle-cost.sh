#!/usr/bin/env bash
# What a running query side costs while nobody asks anything: CPU milliseconds per second of its process (from
# /proc/<pid>/stat, user + system) and PostgreSQL transactions per second in its database (xact_commit +
# xact_rollback of pg_stat_database; the command side's, if it runs on the same database, included).
# Usage: bench/idle-cost.sh <query-side pid> <database> [seconds, default 30]
# PostgreSQL is reached like the service (WORKSPACES_DB_SERVER, default localhost:5432; WORKSPACES_DB_USER).
set -euo pipefail
pid="$1" db="$2" seconds="${3:-30}"
server="${WORKSPACES_DB_SERVER:-jdbc:postgresql://localhost:5432}"
psql_url="${server#jdbc:}/$db"
ticks="$(getconf CLK_TCK)"
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
commits() {
  psql "$psql_url" -U "${WORKSPACES_DB_USER:-postgres}" -Atc \
    "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()"
}
c0="$(cpu)" x0="$(commits)" t0="$(date +%s.%N)"
sleep "$seconds"
# a backend publishes its counters within about a second of going idle
sleep 1.2
c1="$(cpu)" x1="$(commits)" t1="$(date +%s.%N)"
awk -v c="$((c1 - c0))" -v x="$((x1 - x0 - 1))" -v t0="$t0" -v t1="$t1" -v hz="$ticks" -v s="$seconds" 'BEGIN {
  printf "idle for %d s: query side %.1f CPU ms/s, %.2f PostgreSQL transactions/s\n", s, c * 1000 / hz / (t1 - t0), x / (t1 - t0) }'
