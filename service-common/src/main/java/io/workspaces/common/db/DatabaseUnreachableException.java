package io.workspaces.common.db;

import java.sql.SQLException;

class DatabaseUnreachableException extends RuntimeException {

    public DatabaseUnreachableException(String hostAndPort, String database, SQLException cause) {
        super("PostgreSQL is not reachable at " + hostAndPort + " (to create or open database '" + database + "'): "
                + cause.getMessage() + ". Start it (on Debian: pg_ctlcluster --skip-systemctl-redirect "
                + "$(ls /etc/postgresql) main start) or point WORKSPACES_DB_URL at a running server.", cause);
    }
}
