package io.workspaces.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print the bash (and zsh) completion script of workspaces.",
        footerHeading = "%nExamples%n",
        footer = {
                "  source <(./workspaces completion)                 # in this shell",
                "  # in every new shell:",
                "  ./workspaces completion \\",
                "    > ~/.local/share/bash-completion/completions/workspaces",
                "It completes commands, options and their values for the command name",
                "'workspaces': put the launcher on your PATH (or alias",
                "workspaces=/path/to/workspaces) to use it under that name."})
final class CompletionCommand extends BaseCommand {

    @Override
    public Integer call() {
        out().print(AutoComplete.bash("workspaces", spec.root().commandLine()));
        return ExitCodes.OK;
    }
}
