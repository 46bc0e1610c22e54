package io.workspaces.cli;

import io.workspaces.client.testing.ServicePair;
import io.workspaces.client.testing.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shell block of README.md and docs/*.md runs as written, in the order a reader meets them, against both
 * sides freshly started on a new database, and does what its comments promise (HTTP statuses, exit codes). The
 * conventions are in docs/testing.md.
 */
class DocumentationTest {

    /** The order of the documents (then any other page of docs/ by name); docs/testing.md says the same. */
    static final List<String> ORDER = List.of("README.md", "docs/domain.md", "docs/api.md", "docs/security.md",
            "docs/compliance.md", "docs/downstream.md", "docs/cli.md", "docs/operations.md", "docs/architecture.md",
            "docs/performance.md", "docs/testing.md");
    private static final Path ROOT = Path.of(System.getProperty("workspaces.root", "..")).toAbsolutePath().normalize();
    /** Left out of the scratch directory: the developer's own secret, history and logs. */
    private static final Set<String> NOT_LINKED = Set.of(".local", ".git", "logs", "audit.ndjson");

    @TempDir
    Path scratch;

    @Test
    void everyShellBlockRunsAsWritten() throws Exception {
        Map<String, String> documents = ShellBlocks.documents(ROOT, ORDER);
        assertThat(documents).containsKeys("README.md", "docs/api.md", "docs/cli.md");
        List<ShellBlocks.Block> blocks = documents.entrySet().stream()
                .flatMap(document -> ShellBlocks.of(document.getKey(), document.getValue()).stream()).toList();

        try (ServicePair services = new ServicePair("doc", CliServices.IDENTITY).start()) {
            ServiceProcess command = services.command;
            ServiceProcess query = services.query;
            Map<String, String> ports = new LinkedHashMap<>();
            ports.put("127.0.0.1:8081", "127.0.0.1:" + command.port);
            ports.put("127.0.0.1:8082", "127.0.0.1:" + query.port);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("WORKSPACES_JWT_HMAC_SECRET", CliServices.SECRET);
            env.put("WORKSPACES_JWT_ISSUER", CliServices.ISSUER);
            env.put("WORKSPACES_DB_URL", services.databaseUrl);
            env.put("WORKSPACES_DB_USER", ServicePair.DB_USER);
            env.put("WORKSPACES_DB_PASSWORD", ServicePair.DB_PASSWORD);
            env.put("WORKSPACES_COMMAND_URL", command.baseUrl());
            env.put("WORKSPACES_QUERY_URL", query.baseUrl());
            env.put("WORKSPACES_CLI_JAR", CliProcess.jar().toAbsolutePath().toString());
            Run run = runScript(ShellBlocks.script(blocks, ports, scratch.resolve(".doc-lines.sh")), env,
                    Duration.ofMinutes(5));
            Path report = Path.of("target", "documentation-test.log");
            Files.writeString(report, run.output());
            assertThat(run.exit()).as("the documentation's shell blocks (all their output: %s)\n%s",
                    report.toAbsolutePath(), run.tail(80)).isZero();
        }
    }

    @Test
    void aBrokenPromiseFailsTheRun() throws Exception {
        String markdown = """
                ```bash
                X=1
                ```

                <!-- not-run: never runs -->
                ```bash
                exit 3
                ```

                ```bash
                [ "$X" = 1 ]                                   # exit 0
                test -e /no/such/file                          # exit 1: it is not there
                curl -s http://127.0.0.1:9/ -o /dev/null       # exit 7: nothing listens there
                """;
        assertThat(runDocument(markdown + "```\n").exit()).isZero();
        assertThat(runDocument(markdown + "false\n```\n").tail(5))
                .contains("DOCUMENTATION FAILED at doc.md:14: exit code 1, expected 0");
        assertThat(runDocument(markdown + "true   # exit 2\n```\n").tail(5))
                .contains("DOCUMENTATION FAILED at doc.md:14: exit code 0, expected 2");
        assertThat(runDocument(markdown + "curl -s http://127.0.0.1:9/ || true   # 200\n```\n").tail(5))
                .contains("DOCUMENTATION FAILED at doc.md:14: HTTP status 000, expected 200");
        assertThat(runDocument(markdown + "echo 'open\n```\n").exit()).isNotZero();
    }

    private Run runDocument(String markdown) throws Exception {
        List<ShellBlocks.Block> blocks;
        try {
            blocks = ShellBlocks.of("doc.md", markdown);
        } catch (IllegalArgumentException unparsable) {
            return new Run(2, unparsable.getMessage());
        }
        try {
            return runScript(ShellBlocks.script(blocks, Map.of(), scratch.resolve("lines-" + UUID.randomUUID() + ".sh")),
                    Map.of(), Duration.ofSeconds(20));
        } catch (IllegalArgumentException unparsable) {
            return new Run(2, unparsable.getMessage());
        }
    }

    /** Runs the script with bash in the scratch directory, which links to every file of the repository. */
    private Run runScript(String script, Map<String, String> env, Duration timeout) throws IOException, InterruptedException {
        Path work = scratch.resolve("install");
        if (!Files.isDirectory(work)) {
            Files.createDirectories(work);
            try (var files = Files.list(ROOT)) {
                for (Path file : files.filter(f -> !NOT_LINKED.contains(f.getFileName().toString())).toList()) {
                    Files.createSymbolicLink(work.resolve(file.getFileName()), file);
                }
            }
            Files.createDirectories(scratch.resolve("config"));
        }
        Path file = scratch.resolve("documentation-" + UUID.randomUUID() + ".sh");
        Files.writeString(file, script);
        Path output = scratch.resolve(file.getFileName() + ".out");
        ProcessBuilder builder = new ProcessBuilder("bash", file.toString()).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("WORKSPACES_") || name.startsWith("PG"));
        builder.environment().put("XDG_CONFIG_HOME", scratch.resolve("config").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return new Run(124, Files.readString(output, StandardCharsets.UTF_8) + "\n(killed after " + timeout + ")");
        }
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private record Run(int exit, String output) {
        String tail(int lines) {
            List<String> all = output.lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
    }
}
