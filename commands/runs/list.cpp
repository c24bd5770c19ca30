// `mlrun runs list`: the runs of a project, newest first (the same as `mlrun get runs`).

#include "commands/runs/runs.hpp"

#include "cli/shared_options.hpp"
#include "commands/runs/checked_run.hpp"
#include "commands/runs/run_filter.hpp"

namespace mlrun::commands {

void add_runs_list(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<RunFilterOptions>();
    add_run_filter_options(command, *options);
    cli::add_db_option(command, invocation);
    cli::add_output_option(command, invocation);
    command.callback([options, &invocation] {
        auto filter = to_run_filter(*options, invocation);
        filter.summary =
            !invocation.output().is_machine_readable();  // the table needs only a few fields
        const auto runs = checked_runs(invocation, invocation.run_db().list_runs(filter));
        invocation.output().list(
            "runs", [&] { return runs_json(runs); }, [&] { return run_table(runs); });
    });
}

}  // namespace mlrun::commands
