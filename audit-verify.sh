#!/usr/bin/env bash
# Verifies the tamper-evident audit chain directly against PostgreSQL (no running service, no token needed):
#   ./audit-verify.sh            # uses WORKSPACES_DB_URL / _USER / _PASSWORD, like the service
# Prints the report as JSON; exit code 0 = ok, 1 = broken (first_break names the position), 2 = could not run.
# Needs the query side built (./mvnw -DskipTests package, or ./run.sh once).
set -euo pipefail
cd "$(dirname "$0")"
jar=$(ls query-side/target/query-side-*-exec.jar 2>/dev/null | head -1 || true)
if [[ -z "$jar" ]]; then
  echo "audit-verify: build first: ./mvnw -q -DskipTests package" >&2
  exit 2
fi
exec java -cp "$jar" -Dloader.main=io.workspaces.query.audit.VerifyChainCommand \
  org.springframework.boot.loader.launch.PropertiesLauncher
