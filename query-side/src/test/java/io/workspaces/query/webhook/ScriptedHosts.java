package io.workspaces.query.webhook;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The resolver of the downstream tests' query side (a source of that application, not a scanned component): host
 * names under {@code .test} answer as a test scripts them, each lookup counted; names under {@code example.com}
 * (the documentation's and the API tests' receivers) resolve to 127.0.0.1, where nothing answers on ports 80 and 443, so
 * their deliveries fail at once without leaving the machine; other names go to the system's resolver.
 */
public class ScriptedHosts {

    private record Script(List<InetAddress[]> answers, AtomicInteger lookups) {
        InetAddress[] next() {
            int lookup = lookups.getAndIncrement();
            return answers.get(Math.min(lookup, answers.size() - 1)).clone();
        }
    }

    private static final Map<String, Script> SCRIPTS = new ConcurrentHashMap<>();

    @Bean
    @Primary
    static HostResolver scriptedHostResolver() {
        return ScriptedHosts::resolve;
    }

    /** From now on, {@code host} resolves to {@code addresses}. */
    static void answer(String host, InetAddress... addresses) {
        SCRIPTS.put(host, new Script(List.<InetAddress[]>of(addresses), new AtomicInteger()));
    }

    /** From now on, the n-th lookup of {@code host} is answered with the n-th answer, and later ones with the last. */
    static void answerInTurn(String host, List<InetAddress[]> answers) {
        SCRIPTS.put(host, new Script(new ArrayList<>(answers), new AtomicInteger()));
    }

    /** Lookups of {@code host} since it was last scripted. */
    static int lookups(String host) {
        Script script = SCRIPTS.get(host);
        return script == null ? 0 : script.lookups().get();
    }

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        Script script = SCRIPTS.get(host);
        if (script != null) {
            return script.next();
        }
        if (host.endsWith(".test")) {
            throw new UnknownHostException(host);
        }
        if (host.equals("example.com") || host.endsWith(".example.com")) {
            return new InetAddress[]{InetAddress.getByAddress(new byte[]{127, 0, 0, 1})};
        }
        return InetAddress.getAllByName(host);
    }
}
