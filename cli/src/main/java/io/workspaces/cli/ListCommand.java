package io.workspaces.cli;

import io.workspaces.client.model.Page;
import io.workspaces.client.model.Workspace;
import io.workspaces.client.model.WorkspaceFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List the workspaces you can read (query side), newest first by default.",
        footerHeading = "%nExamples%n",
        footer = {
                "  workspaces list",
                "  # NAME     MEMBERS  VERSION  UPDATED               DESCRIPTION",
                "  # ml-team  2        4        2026-11-26T13:27:36Z  ML team",
                "  # 3 workspaces",
                "  workspaces list --sort name --name-prefix ml --page-size 10",
                "  workspaces list --member bob --role editor      # where bob is editor",
                "  workspaces list --all --output json | jq -r '.data[].name'"})
final class ListCommand extends BaseCommand {

    @Option(names = "--sort", paramLabel = "ORDER", completionCandidates = Candidates.WorkspaceSorts.class,
            description = "one of: ${COMPLETION-CANDIDATES} (default -created_at)")
    String sort;

    @Option(names = "--name-prefix", paramLabel = "PREFIX", description = "only names starting with this")
    String namePrefix;

    @Option(names = "--member", paramLabel = "PRINCIPAL", description = "only workspaces where this principal is a direct member")
    String member;

    @Option(names = "--role", paramLabel = "ROLE", completionCandidates = Candidates.Roles.class,
            description = "only where the member (or, without --member, you) has exactly this role: ${COMPLETION-CANDIDATES}")
    String role;

    @Mixin
    Paging paging;

    @Override
    public Integer call() {
        Page<Workspace> page = paging.fetch(client().listWorkspaces(WorkspaceFilter.all().sort(sort)
                .namePrefix(namePrefix).member(member).role(role)));
        if (json()) {
            printJson(page);
            return ExitCodes.OK;
        }
        Table table = WorkspaceViews.table();
        page.data().forEach(workspace -> WorkspaceViews.row(table, workspace));
        if (!table.isEmpty()) {
            table.print(out());
        }
        paging.printFooter(out(), page, "workspace");
        return ExitCodes.OK;
    }
}
