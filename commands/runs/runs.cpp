// `mlrun runs VERB`: the verbs and their one-line summaries.

#include "commands/runs/runs.hpp"

#include "commands/commands.hpp"

namespace mlrun::commands {

void add_runs(CLI::App& command, cli::Invocation& invocation)
{
    command.require_subcommand(1);
    add_runs_list(*command.add_subcommand("list", "List runs (the same as 'mlrun get runs')"),
                  invocation);
    add_runs_show(*command.add_subcommand("show", "Show one run"), invocation);
    add_runs_delete(
        *command.add_subcommand("delete", "Delete runs (and their logs) by uid or by filter"),
        invocation);
    add_runs_diff(*command.add_subcommand("diff", "Compare two runs side by side"), invocation);
    add_runs_export(*command.add_subcommand("export", "Write runs as JSON lines (a backup)"),
                    invocation);
    add_runs_import(*command.add_subcommand("import", "Read runs from JSON lines; idempotent"),
                    invocation);
    add_runs_rerun(*command.add_subcommand("rerun", "Run again what a run ran, with overrides"),
                   invocation);
}

}  // namespace mlrun::commands
