#!/usr/bin/env bash
# A hot standby of the local PostgreSQL, as a second cluster of the same version on this machine (Debian's
# postgresql-common tools; run as root). docs/operations.md, "A read replica", explains it.
#   ./pg-replica.sh create <name> <port>   # a streaming replica of the primary (PGPORT, default 5432) on <port>
#   ./pg-replica.sh drop <name>            # stops and removes it
# create makes sure the primary accepts replication connections from 127.0.0.1: when pg_hba.conf has no
# `replication` line it appends `host replication all 127.0.0.1/32 trust` and reloads (no restart). wal_level
# (replica or logical) and max_wal_senders (>= 2) need a restart to change: create refuses, saying so, if they
# do not allow a standby. On failure, create removes the half-made cluster.
set -euo pipefail

usage() { echo "usage: $0 create <name> <port> | drop <name>" >&2; exit 2; }
[[ $# -ge 2 ]] || usage
action=$1 name=$2
[[ $name =~ ^[a-z0-9_]+$ ]] || { echo "pg-replica: cluster name: lower-case letters, digits and _ only" >&2; exit 2; }
version=$(ls /etc/postgresql | sort -V | tail -1)
primary_port=${PGPORT:-5432}
psql_primary() { psql -X -h 127.0.0.1 -p "$primary_port" -U postgres -d postgres -Atc "$1"; }

drop() {
  if pg_lsclusters -h | awk -v v="$version" -v n="$name" '$1 == v && $2 == n {found=1} END {exit !found}'; then
    pg_dropcluster --stop "$version" "$name"
  fi
}

case $action in
  drop)
    drop
    ;;
  create)
    [[ $# -eq 3 && $3 =~ ^[0-9]+$ ]] || usage
    port=$3
    wal_level=$(psql_primary "SHOW wal_level")
    senders=$(psql_primary "SHOW max_wal_senders")
    if [[ $wal_level != replica && $wal_level != logical ]] || (( senders < 2 )); then
      echo "pg-replica: the primary has wal_level=$wal_level, max_wal_senders=$senders: set wal_level = replica and" \
           "max_wal_senders >= 2 in its postgresql.conf and restart it" >&2
      exit 1
    fi
    if [[ $(psql_primary "SELECT count(*) FROM pg_hba_file_rules WHERE 'replication' = ANY(database)") == 0 ]]; then
      hba=$(psql_primary "SHOW hba_file")
      echo "host replication all 127.0.0.1/32 trust  # added by pg-replica.sh" >> "$hba"
      psql_primary "SELECT pg_reload_conf()" > /dev/null
      echo "pg-replica: allowed replication connections from 127.0.0.1 in $hba (reloaded)"
    fi
    trap 'echo "pg-replica: failed; removing $name" >&2; drop' ERR
    pg_createcluster "$version" "$name" -p "$port" > /dev/null
    data=$(pg_lsclusters -h | awk -v v="$version" -v n="$name" '$1 == v && $2 == n {print $6}')
    # the new cluster's data is replaced by a copy of the primary's; -R makes it a standby following it
    find "$data" -mindepth 1 -delete
    runuser -u postgres -- pg_basebackup -h 127.0.0.1 -p "$primary_port" -U postgres -D "$data" -R -X stream -c fast
    # the standby answers clients as the primary does: same pg_hba.conf (Debian keeps it outside the data)
    cp "$(psql_primary "SHOW hba_file")" "/etc/postgresql/$version/$name/pg_hba.conf"
    pg_ctlcluster --skip-systemctl-redirect "$version" "$name" start
    for _ in $(seq 1 60); do
      if [[ $(psql -X -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atc "SELECT pg_is_in_recovery()" 2>/dev/null) == t ]]; then
        trap - ERR
        echo "pg-replica: $version/$name on port $port is a hot standby of 127.0.0.1:$primary_port"
        exit 0
      fi
      sleep 0.5
    done
    echo "pg-replica: $version/$name did not come up as a standby" >&2
    drop
    exit 1
    ;;
  *)
    usage
    ;;
esac
