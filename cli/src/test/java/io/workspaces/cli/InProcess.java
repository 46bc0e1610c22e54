package io.workspaces.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI inside the test JVM (Main.run with its own streams and environment), for fast unit tests. */
final class InProcess {

    private InProcess() {
    }

    static CliProcess.Result run(Map<String, String> env, String stdin, boolean stdinTerminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("XDG_CONFIG_HOME", "/nonexistent/cli-test");
        Io io = new Io(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                environment, stdinTerminal, false);
        int exit = Main.run(args, io);
        return new CliProcess.Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Io io() {
        return new Io(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Map.of(), false, false);
    }

    static CliProcess.Result run(String... args) {
        return run(Map.of(), "", false, args);
    }
}
