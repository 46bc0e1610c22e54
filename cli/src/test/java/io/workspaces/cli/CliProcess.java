package io.workspaces.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One command line of the CLI, with a clean environment (no WORKSPACES_* of the developer's shell, an empty
 * config directory), stdin a pipe (so not a terminal) that gets {@link #stdin} and is closed, stdout and stderr
 * captured. It runs inside the test JVM ({@link InProcess}: {@code Main.run} with the same streams, environment
 * and exit code the process would have), unless it needs a JVM of its own: {@link #ownJvm()}, or a system
 * property. Then it is a real process, {@code java -jar target/cli-VERSION-exec.jar ...}, as a shell runs it
 * (about a second each); the launcher's tests and the documentation's shell blocks run it that way too.
 */
final class CliProcess {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EMPTY_CONFIG_HOME = createTempDirectory("cli-test-config");
    /** A class-data archive of the CLI (JDK CDS), as ./workspaces keeps one: every run starts quicker. */
    private static final Path ARCHIVE = Path.of("target", "cli-test.jsa");
    /** Runs the in-process command lines, so that one that hangs fails its test instead of stopping the run. */
    private static final ExecutorService IN_TEST_JVM = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "cli-in-test-jvm");
        thread.setDaemon(true);
        return thread;
    });
    private static final List<String> JVM = List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:-UsePerfData", "-Xshare:auto", "-Xlog:disable", "-Xlog:all=error:stderr");

    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> systemProperties = new ArrayList<>();
    private String stdin = "";
    private boolean stdinTerminal;
    private boolean ownJvm;

    /** What a run gave: exit code, stdout, stderr. */
    record Result(int exit, String out, String err) {

        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not one JSON document: " + e.getMessage() + "\n" + this, e);
            }
        }

        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Pointed at the running test services (through the environment, so flags can still override it). */
    static CliProcess cli() {
        CliServices services = CliServices.get();
        return bare().env(Config.COMMAND_URL_ENV, services.command.baseUrl())
                .env(Config.QUERY_URL_ENV, services.query.baseUrl());
    }

    /** Pointed at nothing in particular. */
    static CliProcess bare() {
        return new CliProcess().env("XDG_CONFIG_HOME", EMPTY_CONFIG_HOME.toString());
    }

    CliProcess as(String principal, String... roles) {
        return env(Config.TOKEN_ENV, CliServices.token(principal, roles));
    }

    CliProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    CliProcess stdin(String text) {
        this.stdin = text;
        return this;
    }

    CliProcess stdinIsTerminal() {
        stdinTerminal = true;
        return this;
    }

    /** A system property of the CLI's JVM, which therefore runs as a process of its own. */
    CliProcess property(String name, String value) {
        systemProperties.add("-D" + name + "=" + value);
        return ownJvm();
    }

    /** As a real process, {@code java -jar ...}, rather than inside the test JVM. */
    CliProcess ownJvm() {
        ownJvm = true;
        return this;
    }

    Result run(String... args) {
        return ownJvm ? runAsProcess(args) : runInTestJvm(args);
    }

    private Result runInTestJvm(String... args) {
        CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> InProcess.run(env, stdin, stdinTerminal, args),
                IN_TEST_JVM);
        try {
            return run.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("workspaces " + String.join(" ", args) + " did not end within 60 s");
        } catch (ExecutionException e) {
            throw new AssertionError("workspaces " + String.join(" ", args) + " threw " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Result runAsProcess(String... args) {
        Path dir = createTempDirectory("cli-run");
        try {
            List<String> command = new ArrayList<>(JVM);
            if (Files.isRegularFile(ARCHIVE)) {
                command.add("-XX:SharedArchiveFile=" + ARCHIVE);
            }
            if (stdinTerminal) {
                command.add("-Dworkspaces.stdin.tty=true");
            }
            command.addAll(systemProperties);
            command.addAll(List.of("-jar", jar().toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().keySet().removeIf(name -> name.startsWith("WORKSPACES_") || name.equals("XDG_CONFIG_HOME"));
            builder.environment().putAll(env);
            builder.redirectOutput(dir.resolve("out").toFile());
            builder.redirectError(dir.resolve("err").toFile());
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException closedEarly) {
                // the command did not read its input
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("workspaces " + String.join(" ", args) + " did not end within 60 s");
            }
            return new Result(process.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // the OS cleans temp eventually
            }
        }
    }

    /**
     * Records the class-data archive with a run of {@code list} against the services (before any test runs the
     * CLI); without it the runs are only slower.
     */
    static void recordArchive(String commandUrl, String queryUrl, String token) {
        try {
            Files.deleteIfExists(ARCHIVE);
            Path log = Path.of("target", "cli-test-logs", "cli-archive.log");
            List<String> command = new ArrayList<>(JVM);
            command.addAll(List.of("-XX:ArchiveClassesAtExit=" + ARCHIVE, "-jar", jar().toString(), "list",
                    "--command-url", commandUrl, "--query-url", queryUrl, "--token", token));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                Files.deleteIfExists(ARCHIVE);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("cli.jar", "target/cli-exec.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no CLI jar at " + jar.toAbsolutePath() + "; these tests run in `verify`, "
                    + "after `package` built it");
        }
        return jar;
    }

    private static Path createTempDirectory(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
