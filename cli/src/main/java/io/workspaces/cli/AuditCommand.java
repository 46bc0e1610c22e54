package io.workspaces.cli;

import io.workspaces.client.AuditExport;
import io.workspaces.client.model.AuditFilter;
import io.workspaces.client.model.ChainReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.OptionalLong;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Compliance: export the audit stream, verify the tamper-evident chain (auditors, platform admins).",
        subcommands = {AuditCommand.Export.class, AuditCommand.Verify.class},
        footerHeading = "%nExamples%n",
        footer = {
                "  workspaces audit export --from 2026-11-01T00:00:00Z > audit.ndjson",
                "  workspaces audit verify"})
final class AuditCommand extends BaseCommand {

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "which one: export or verify?");
    }

    @Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Stream every matching event as NDJSON (one JSON object per line) to stdout, in constant memory.",
                    "Progress goes to stderr: a bar when stderr is a terminal (or --progress), otherwise a line every "
                            + "5 s of a long export."},
            footerHeading = "%nExamples%n",
            footer = {
                    "  workspaces audit export > audit.ndjson",
                    "  # [##############################]  1240 of 1240 events  100%%  9400 events/s",
                    "  workspaces audit export --workspace ml-team \\",
                    "    --from 2026-11-01T00:00:00Z --to 2026-12-01T00:00:00Z > nov.ndjson",
                    "  workspaces audit export --actor alice --type workspace.member-added \\",
                    "    | jq -r .data.principal",
                    "Exit codes: 0 ok, 1 the stream broke off, 2 invalid filter, 3 unknown",
                    "  workspace, 5 not an auditor"})
    static final class Export extends BaseCommand {

        @Option(names = "--workspace", paramLabel = "WORKSPACE", description = "name or id (deleted ones too)")
        String workspace;

        @Option(names = "--actor", paramLabel = "PRINCIPAL", description = "who acted")
        String actor;

        @Option(names = "--type", paramLabel = "TYPE", completionCandidates = Candidates.EventTypes.class,
                description = "a stable event type, e.g. workspace.member-added")
        String type;

        @Option(names = "--from", paramLabel = "TIME", description = "RFC 3339, inclusive")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "RFC 3339, exclusive")
        String to;

        @Option(names = "--start-after", paramLabel = "POSITION", description = "only events after this position")
        Long startAfter;

        @Option(names = "--progress", negatable = true,
                description = "force the progress bar on stderr (--no-progress: print no progress at all)")
        Boolean progress;

        @Override
        public Integer call() {
            AuditExport export = client().exportAudit(new AuditFilter(workspace, actor, type, from, to, startAfter));
            OptionalLong announced = export.announcedCount();
            ExportProgress.Mode mode = progress == null
                    ? (io().stderrTerminal() ? ExportProgress.Mode.BAR : ExportProgress.Mode.LINES)
                    : progress ? ExportProgress.Mode.BAR : ExportProgress.Mode.NONE;
            ExportProgress meter = new ExportProgress(io().err(), mode,
                    announced.isPresent() ? announced.getAsLong() : null, System::currentTimeMillis);
            long events = copy(export.body(), out(), meter);
            meter.finish(events);
            if (announced.isPresent() && events < announced.getAsLong()) {
                throw new CliException(ExitCodes.ERROR, "the export ended after " + events + " of "
                        + announced.getAsLong() + " announced events; the file is incomplete");
            }
            return ExitCodes.OK;
        }

        /** Copies the stream to stdout as it comes, counting lines (events). */
        private static long copy(InputStream in, PrintStream out, ExportProgress meter) {
            byte[] buffer = new byte[1 << 16];
            long events = 0;
            try (in) {
                int read;
                while ((read = in.read(buffer)) != -1) {
                    for (int i = 0; i < read; i++) {
                        if (buffer[i] == '\n') {
                            events++;
                        }
                    }
                    out.write(buffer, 0, read);
                    if (out.checkError()) {
                        throw new CliException(ExitCodes.ERROR, "cannot write to stdout after " + events + " events");
                    }
                    meter.update(events);
                }
            } catch (IOException e) {
                out.flush();
                throw new CliException(ExitCodes.ERROR, "the export stream broke off after " + events + " events: "
                        + e.getMessage() + "; the file is incomplete");
            }
            out.flush();
            return events;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Recompute the tamper-evident chain over the event store and report ok, or the first "
                    + "position where the store no longer matches.",
                    "Keep head_chain_value somewhere outside the database: a later verify must pass through it."},
            footerHeading = "%nExamples%n",
            footer = {
                    "  workspaces audit verify",
                    "  # ok: 1240 events checked; head position 1240, chain value 9f2c...",
                    "  workspaces audit verify --output json | jq -r .head_chain_value",
                    "Exit codes: 0 the chain verifies, 8 it is broken, 5 not an auditor"})
    static final class Verify extends BaseCommand {

        @Override
        public Integer call() {
            ChainReport report = client().verifyAuditChain();
            boolean ok = report.ok();
            if (json()) {
                printJson(report);
            } else if (ok) {
                out().println("ok: " + report.checked() + " events checked; head position "
                        + report.headPosition() + ", chain value " + report.headChainValue());
            } else {
                ChainReport.Break firstBreak = report.firstBreak();
                out().println("broken at position " + (firstBreak == null ? "" : firstBreak.position()) + ": "
                        + Terminal.clean(firstBreak == null ? "" : firstBreak.problem()) + " (" + report.checked()
                        + " chain entries checked)");
            }
            return ok ? ExitCodes.OK : ExitCodes.CHAIN_BROKEN;
        }
    }
}
