#!/usr/bin/env bash
# The replica's lag under the bench's write load (docs/operations.md, "A read replica"): bench/replica-lag.sh [quick|full] [--no-build]
# Makes a streaming replica of the local PostgreSQL with ./pg-replica.sh (as root, on REPLICA_PORT, default 5439),
# runs ./bench.sh with BENCH_PHASES=patches (pgbench's 3-statement transaction, then the service's PATCHes) while
# sampling pg_stat_replication every 100 ms, prints the replay lag's percentiles and the WAL bytes the replica was
# behind, and drops the replica whatever happened.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${REPLICA_PORT:-5439}" name=wsbench_replica
samples="$(mktemp)"
sampler=""
finish() {
  [[ -n "$sampler" ]] && kill "$sampler" 2>/dev/null || true
  ./pg-replica.sh drop "$name" || true
  rm -f "$samples"
}
trap finish EXIT

./pg-replica.sh create "$name" "$port"
(
  while :; do
    psql -X -h 127.0.0.1 -U postgres -d postgres -Atc "SELECT coalesce(extract(epoch FROM replay_lag) * 1000, 0),
        pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) FROM pg_stat_replication LIMIT 1" >> "$samples" 2>/dev/null || true
    sleep 0.1
  done
) &
sampler=$!

BENCH_PHASES=patches ./bench.sh "$@"

kill "$sampler" 2>/dev/null || true
sampler=""
awk -F'|' 'NF == 2 { lag[n] = $1; wal[n] = $2; n++ }
  function pct(a, p,   i, j, t, m, s) {
    m = 0; for (i in a) s[m++] = a[i] + 0
    for (i = 1; i < m; i++) { t = s[i]; for (j = i - 1; j >= 0 && s[j] > t; j--) s[j + 1] = s[j]; s[j + 1] = t }
    return s[int((m - 1) * p / 100)]
  }
  END {
    if (n == 0) { print "replica lag: no samples (was the replica streaming?)"; exit 1 }
    printf "replica lag over %d samples (every 100 ms during the bench): replay_lag p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; WAL behind p50 %d B, p95 %d B, max %d B\n",
      n, pct(lag, 50), pct(lag, 95), pct(lag, 99), pct(lag, 100), pct(wal, 50), pct(wal, 95), pct(wal, 100)
  }' "$samples"
