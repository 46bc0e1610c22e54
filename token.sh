#!/usr/bin/env bash
# Prints a bearer token (JWT, HS256) for local use: ./token.sh <principal> [platform-role ...]
#   platform roles: platform-admin, workspace-creator, auditor, access-checker
#   e.g.  curl -H "Authorization: Bearer $(./token.sh alice workspace-creator)" ...
# Signed with the secret ./run.sh uses (WORKSPACES_JWT_HMAC_SECRET, or the one it keeps in .local/),
# issued by WORKSPACES_JWT_ISSUER (default workspaces-local), valid for WORKSPACES_TOKEN_TTL seconds (3600).
set -euo pipefail
cd "$(dirname "$0")"

if [[ $# -lt 1 || "$1" == "-h" || "$1" == "--help" ]]; then
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
principal="$1"; shift
if [[ ! "$principal" =~ ^[!-~]{1,255}$ || "$principal" =~ [/\\?#%\"] || "$principal" == "*" ]]; then
  echo "token.sh: '$principal' is not a principal (visible ASCII without / \\ ? # %, not *)" >&2
  exit 2
fi
roles=()
for role in "$@"; do
  case "$role" in
    platform-admin|workspace-creator|auditor|access-checker) roles+=("\"$role\"") ;;
    *) echo "token.sh: unknown platform role '$role' (platform-admin, workspace-creator, auditor, access-checker)" >&2; exit 2 ;;
  esac
done

secret="${WORKSPACES_JWT_HMAC_SECRET:-}"
if [[ -z "$secret" ]]; then
  if [[ ! -f .local/jwt-hmac-secret ]]; then
    echo "token.sh: no secret yet: start the service with ./run.sh once, or set WORKSPACES_JWT_HMAC_SECRET" >&2
    exit 1
  fi
  secret="$(cat .local/jwt-hmac-secret)"
fi
issuer="${WORKSPACES_JWT_ISSUER:-workspaces-local}"
now=$(date +%s)
exp=$((now + ${WORKSPACES_TOKEN_TTL:-3600}))

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
IFS=,; role_list="${roles[*]:-}"; unset IFS
payload=$(printf '{"sub":"%s","iss":"%s","iat":%d,"exp":%d,"roles":[%s]}' \
  "$principal" "$issuer" "$now" "$exp" "$role_list" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -mac HMAC -macopt "key:$secret" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
