package io.workspaces.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workspaces.client.model.Member;
import io.workspaces.client.model.MemberFilter;
import io.workspaces.client.model.Membership;
import io.workspaces.client.model.Page;
import io.workspaces.client.model.Written;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "members", mixinStandardHelpOptions = true,
        description = "List and change the members of a workspace.",
        subcommands = {MembersCommand.ListMembers.class, MembersCommand.Add.class, MembersCommand.SetRole.class,
                MembersCommand.Remove.class},
        footerHeading = "%nExamples%n",
        footer = {
                "  workspaces members list ml-team",
                "  workspaces members add ml-team bob --role editor",
                "  workspaces members set-role ml-team bob --role admin",
                "  workspaces members remove ml-team bob"})
final class MembersCommand extends BaseCommand {

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "which one: list, add, set-role or remove?");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
            description = "The members of a workspace and their roles (query side).",
            footerHeading = "%nExamples%n",
            footer = {
                    "  workspaces members list ml-team",
                    "  # PRINCIPAL  ROLE    GRANTED               GRANTED BY",
                    "  # alice      admin   2026-11-26T13:27:36Z  alice",
                    "  # bob        editor  2026-11-26T13:28:01Z  alice",
                    "  # 2 members",
                    "  workspaces members list ml-team --role admin --sort -granted_at",
                    "Exit codes: 0 ok, 3 workspace not found or not readable"})
    static final class ListMembers extends BaseCommand {

        @Parameters(paramLabel = "WORKSPACE", description = "name or id")
        String ref;

        @Option(names = "--role", paramLabel = "ROLE", completionCandidates = Candidates.Roles.class,
                description = "only members with this role: ${COMPLETION-CANDIDATES}")
        String role;

        @Option(names = "--sort", paramLabel = "ORDER", completionCandidates = Candidates.MemberSorts.class,
                description = "one of: ${COMPLETION-CANDIDATES} (default principal)")
        String sort;

        @Mixin
        Paging paging;

        @Override
        public Integer call() {
            Page<Member> page = paging.fetch(client().listMembers(ref, MemberFilter.all().role(role).sort(sort)));
            if (json()) {
                printJson(page);
                return ExitCodes.OK;
            }
            printTable(out(), page);
            paging.printFooter(out(), page, "member");
            return ExitCodes.OK;
        }
    }

    static void printTable(java.io.PrintStream out, Page<Member> page) {
        Table table = new Table("PRINCIPAL", "ROLE", "GRANTED", "GRANTED BY");
        page.data().forEach(member -> table.row(member.principal(), member.role(), Json.time(member.grantedAt()),
                member.grantedBy()));
        if (!table.isEmpty()) {
            table.print(out);
        }
    }

    /** --list of the member writes: the members afterwards, read with the write's consistency token. */
    abstract static class MemberWrite extends BaseCommand {

        @Option(names = "--list", description = "then show the members (read from the query side, including this change)")
        boolean list;

        void print(ObjectNode json, String sentence, String ref) {
            Page<Member> members = null;
            if (list) {
                // the query side waits for this invocation's write: its consistency token goes with the read
                members = client().listMembers(ref, MemberFilter.all()).pageSize(Paging.ALL_PAGE_SIZE).first();
            }
            if (json()) {
                if (members != null) {
                    json.set("members", Json.tree(members));
                }
                printJson(json);
                return;
            }
            out().println(sentence);
            if (members != null) {
                printTable(out(), members);
            }
        }
    }

    /** add and set-role: the same PUT, worded for what the user meant. */
    abstract static class PutMember extends MemberWrite {

        @Parameters(index = "0", paramLabel = "WORKSPACE", description = "name or id")
        String ref;

        @Parameters(index = "1", paramLabel = "PRINCIPAL", description = "who (a user or service id; * means every authenticated caller)")
        String principal;

        @Option(names = "--role", required = true, paramLabel = "ROLE", completionCandidates = Candidates.Roles.class,
                description = "${COMPLETION-CANDIDATES}")
        String role;

        @Option(names = "--if-match", paramLabel = "VERSION", description = "only if the workspace is at this version")
        Long ifMatch;

        @Override
        public Integer call() {
            Written<Membership> response = client().putMember(ref, principal, role, ifMatch);
            boolean added = response.status() == 201;
            ObjectNode result = writeResult("membership", response.body(), response);
            result.put("added", added);
            print(result, sentence(added, Terminal.clean(principal), Terminal.clean(ref), Terminal.clean(role))
                    + tokenSuffix(response), ref);
            return ExitCodes.OK;
        }

        abstract String sentence(boolean added, String principal, String workspace, String role);
    }

    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Add a member with a role (admin in the workspace, or platform-admin).",
            footerHeading = "%nExamples%n",
            footer = {
                    "  workspaces members add ml-team bob --role editor",
                    "  # added bob to ml-team as editor (consistency token 10)",
                    "  workspaces members add ml-team carol --role viewer --list   # then the members",
                    "  # every authenticated caller may read it:",
                    "  workspaces members add ml-team '*' --role viewer",
                    "An existing member gets the role instead (and the output says so).",
                    "Exit codes: 0 ok, 2 invalid role or principal, 3 workspace not found,",
                    "  4 demoting the last admin, 5 not allowed"})
    static final class Add extends PutMember {
        @Override
        String sentence(boolean added, String principal, String workspace, String role) {
            return added ? "added " + principal + " to " + workspace + " as " + role
                    : principal + " was a member of " + workspace + " already; role set to " + role;
        }
    }

    @Command(name = "set-role", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Change a member's role (admin in the workspace, or platform-admin).",
            footerHeading = "%nExamples%n",
            footer = {
                    "  workspaces members set-role ml-team bob --role admin",
                    "  # bob is now admin in ml-team (consistency token 11)",
                    "A principal who is not a member yet is added with the role (and the",
                    "output says so).",
                    "Exit codes: 0 ok, 2 invalid role, 3 workspace not found, 4 demoting the",
                    "  last admin, 5 not allowed"})
    static final class SetRole extends PutMember {
        @Override
        String sentence(boolean added, String principal, String workspace, String role) {
            return added ? principal + " was not a member of " + workspace + "; added as " + role
                    : principal + " is now " + role + " in " + workspace;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Remove a member (admin in the workspace, or platform-admin).",
            footerHeading = "%nExamples%n",
            footer = {
                    "  workspaces members remove ml-team bob",
                    "  # removed bob from ml-team (consistency token 12)",
                    "Exit codes: 0 ok, 3 workspace not found or not a member, 4 the last",
                    "  admin, 5 not allowed"})
    static final class Remove extends MemberWrite {

        @Parameters(index = "0", paramLabel = "WORKSPACE", description = "name or id")
        String ref;

        @Parameters(index = "1", paramLabel = "PRINCIPAL", description = "the member to remove")
        String principal;

        @Option(names = "--if-match", paramLabel = "VERSION", description = "only if the workspace is at this version")
        Long ifMatch;

        @Override
        public Integer call() {
            Written<Void> response = client().removeMember(ref, principal, ifMatch);
            ObjectNode result = writeResult(null, null, response);
            result.putObject("removed").put("workspace", ref).put("principal", principal);
            print(result, "removed " + Terminal.clean(principal) + " from " + Terminal.clean(ref) + tokenSuffix(response), ref);
            return ExitCodes.OK;
        }
    }
}
