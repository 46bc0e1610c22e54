package io.workspaces.query.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Every address a host name resolves to (the system's resolver in production). */
@FunctionalInterface
interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;
}
