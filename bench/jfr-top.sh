#!/usr/bin/env bash
# Aggregates a JFR recording's CPU samples (docs/performance.md): bench/jfr-top.sh <recording.jfr> [thread regex] [rows]
# Prints, for the sampled threads whose name matches the regex (default: Tomcat's request threads, http-nio-),
# the frames most often on top of the stack (self time) and the frames most often anywhere on it (inclusive time,
# each frame counted once per sample), with their share of the samples.
set -euo pipefail
recording="$1" threads="${2:-http-nio-}" rows="${3:-40}"
jfr print --events jdk.ExecutionSample --stack-depth 200 "$recording" | awk -v threads="$threads" -v rows="$rows" '
  /sampledThread = / { keep = ($0 ~ threads); next }
  /stackTrace = \[/ { if (keep) { samples++; depth = 0; delete seen } ; instack = keep; next }
  instack && /^[[:space:]]*\]/ { instack = 0; next }
  instack {
    frame = $0; sub(/^[[:space:]]+/, "", frame); sub(/[[:space:]]+line:.*$/, "", frame)
    if (frame == "...") next
    if (depth++ == 0) self[frame]++
    if (!(frame in seen)) { seen[frame] = 1; inclusive[frame]++ }
  }
  END {
    printf "%d samples of threads matching /%s/\n\nself\n", samples, threads
    n = 0; for (f in self) order[++n] = f
    sortby(self, order, n); for (i = 1; i <= n && i <= rows; i++) printf "%6.1f%%  %s\n", 100 * self[order[i]] / samples, order[i]
    printf "\ninclusive\n"
    delete order; n = 0; for (f in inclusive) order[++n] = f
    sortby(inclusive, order, n); for (i = 1; i <= n && i <= rows * 2; i++) printf "%6.1f%%  %s\n", 100 * inclusive[order[i]] / samples, order[i]
  }
  function sortby(count, order, n,   i, j, t) {
    for (i = 2; i <= n; i++) { t = order[i]; for (j = i - 1; j >= 1 && count[order[j]] < count[t]; j--) order[j + 1] = order[j]; order[j + 1] = t }
  }'
