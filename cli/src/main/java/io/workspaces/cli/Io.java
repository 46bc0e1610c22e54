package io.workspaces.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a run of the CLI talks to: its streams, its environment, and whether stdin / stderr are terminals
 * (the launcher tells, with {@code -Dworkspaces.stdin.tty} / {@code -Dworkspaces.stderr.tty}; otherwise
 * /proc/self/fd says). Tests build their own.
 */
record Io(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, boolean stdinTerminal,
          boolean stderrTerminal) {

    static Io system() {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        return new Io(System.in, out, err, System.getenv(), terminal("stdin", 0), terminal("stderr", 2));
    }

    String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static boolean terminal(String stream, int fd) {
        String told = System.getProperty("workspaces." + stream + ".tty");
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception notLinux) {
            return fd == 0 && System.console() != null;
        }
    }
}
