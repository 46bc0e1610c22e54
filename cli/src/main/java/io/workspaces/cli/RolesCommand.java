package io.workspaces.cli;

import io.workspaces.client.model.Page;
import io.workspaces.client.model.RoleGrant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "roles", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Where a principal holds a role: every live workspace with a direct membership or a * binding, "
                + "with the effective role (query side).",
                "Allowed for the principal themselves, auditors and platform admins."},
        footerHeading = "%nExamples%n",
        footer = {
                "  workspaces roles alice",
                "  # WORKSPACE  ROLE    MEMBER ROLE  EVERYONE ROLE",
                "  # default    editor               editor",
                "  # ml-team    admin   admin",
                "  # 2 workspaces",
                "  workspaces roles alice --no-everyone               # direct memberships only",
                "Exit codes: 0 ok, 2 invalid principal, 5 not allowed to look up this principal"})
final class RolesCommand extends BaseCommand {

    @Parameters(paramLabel = "PRINCIPAL", description = "whose roles")
    String principal;

    @Option(names = "--no-everyone", description = "leave out the roles that come only from * bindings")
    boolean noEveryone;

    @Option(names = "--sort", paramLabel = "ORDER", completionCandidates = Candidates.NameSorts.class,
            description = "by workspace name: ${COMPLETION-CANDIDATES} (default name)")
    String sort;

    @Mixin
    Paging paging;

    @Override
    public Integer call() {
        Page<RoleGrant> page = paging.fetch(client().rolesOf(principal, !noEveryone, sort));
        if (json()) {
            printJson(page);
            return ExitCodes.OK;
        }
        Table table = new Table("WORKSPACE", "ROLE", "MEMBER ROLE", "EVERYONE ROLE");
        page.data().forEach(grant -> table.row(grant.workspace().name(), grant.role(), grant.memberRole(),
                grant.everyoneRole()));
        if (!table.isEmpty()) {
            table.print(out());
        }
        paging.printFooter(out(), page, "workspace");
        return ExitCodes.OK;
    }
}
