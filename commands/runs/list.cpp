// `mlrun runs list`: the runs of a project, newest first (the same as `mlrun get runs`).

#include "commands/runs/runs.hpp"

#include "cli/shared_options.hpp"
#include "commands/runs/run_filter.hpp"

namespace mlrun::commands {

void add_runs_list(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<RunFilterOptions>();
    add_run_filter_options(command, *options);
    cli::add_db_option(command, invocation);
    cli::add_output_option(command, invocation);
    command.callback(
        [options, &invocation] { stream_runs(invocation, to_run_filter(*options, invocation)); });
}

}  // namespace mlrun::commands
