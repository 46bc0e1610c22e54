package io.workspaces.cli;

import io.workspaces.client.WorkspacesException;
import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Entry point of the runnable jar: {@code java -jar cli-VERSION-exec.jar ...} (what ./workspaces runs). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, Io.system());
        System.exit(code);
    }

    /** Runs one command line; returns its exit code. Errors are one line on stderr, never a stack trace. */
    static int run(String[] args, Io io) {
        int code;
        try {
            code = commandLine(io).execute(args);
        } catch (RuntimeException e) {
            io.err().println("error: " + describe(e));
            code = ExitCodes.ERROR;
        }
        io.out().flush();
        io.err().flush();
        return code;
    }

    static CommandLine commandLine(Io io) {
        WorkspacesCli cli = new WorkspacesCli(io);
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setDefaultValueProvider(cli.defaults);
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(io.out(), StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(io.err(), StandardCharsets.UTF_8), true));
        commandLine.setUsageHelpLongOptionsMaxWidth(28);
        commandLine.setParameterExceptionHandler((e, args) -> {
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            io.err().println("error: " + Terminal.clean(e.getMessage()) + " (see '" + command + " --help')");
            return ExitCodes.INVALID;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            io.out().flush();
            if (e instanceof WorkspacesException failure) {
                e = cli.api().toCliException(failure);
            }
            if (e instanceof CliException failure) {
                io.err().println("error: " + failure.getMessage());
                failure.details().forEach(line -> io.err().println("  " + line));
                return failure.exitCode();
            }
            io.err().println("error: " + describe(e));
            return ExitCodes.ERROR;
        });
        return commandLine;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return "unexpected " + e.getClass().getSimpleName() + (message == null ? "" : ": " + Terminal.clean(message));
    }
}
