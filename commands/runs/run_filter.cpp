// The run filter options several commands share, and the runs table.

#include "commands/runs/run_filter.hpp"

#include "cli/cells.hpp"
#include "cli/shared_options.hpp"
#include "lib/error.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::commands {

void add_run_filter_options(CLI::App& command, RunFilterOptions& options)
{
    command
        .add_option("-p,--project", options.project,
                    "Project ('*' for all); default: the configured default project")
        ->type_name("NAME");
    command.add_option("-s,--selector", options.selector, "Label selector, e.g. owner=ci,kind")
        ->type_name("LABELS");
    command.add_option("--uid", options.uid, "Only the run with this uid")->type_name("UID");
    command
        .add_option("--workflow", options.workflow,
                    "Only the steps of this workflow run (label workflow=ID)")
        ->type_name("ID");
    command.add_option("--name", options.name, "Only runs with this name")->type_name("NAME");
    command
        .add_option("--state", options.states,
                    "Only runs in this state (repeatable or comma-separated): created, "
                    "pending, running, completed, error, aborting, aborted")
        ->type_name("STATE")
        ->delimiter(',')
        ->allow_extra_args(false);
    command
        .add_option("--since", options.since,
                    "Only runs started at or after TIME (ISO time or a duration back: 30m, 6h, 7d)")
        ->type_name("TIME");
    command.add_option("--until", options.until, "Only runs started before TIME")
        ->type_name("TIME");
    command
        .add_option("--sort", options.sort,
                    "Order: start (newest first, the default), oldest, name, state, updated")
        ->type_name("KEY");
    command.add_option("--limit", options.limit, "Show at most N runs (0: all, the default)")
        ->type_name("N")
        ->check(cli::whole_number(0));
    command.add_flag("--all-iterations", options.all_iterations,
                     "Include hyper-parameter child runs (by default only parent runs)");
}

store::RunFilter to_run_filter(const RunFilterOptions& options, cli::Invocation& invocation)
{
    store::RunFilter filter;
    filter.project = invocation.project_or_default(options.project);
    filter.labels = store::parse_labels(options.selector);
    if (!options.workflow.empty()) {
        filter.labels.push_back("workflow=" + options.workflow);
    }
    filter.uid = options.uid;
    filter.name = options.name;
    for (const auto& text : options.states) {
        const auto state = model::parse_run_state(util::to_lower(text));
        if (state == model::RunState::unknown && util::to_lower(text) != "unknown") {
            throw Error(
                "invalid state '" + text + "'", ErrorKind::usage,
                "use one of: created, pending, running, completed, error, aborting, aborted, "
                "unknown, skipped");
        }
        filter.states.push_back(state);
    }
    const auto now = util::now_micros();
    if (!options.since.empty()) {
        filter.since = util::parse_time_spec(options.since, now);
    }
    if (!options.until.empty()) {
        filter.until = util::parse_time_spec(options.until, now);
    }
    filter.sort = store::parse_run_sort(options.sort);
    filter.limit = options.limit;
    filter.all_iterations = options.all_iterations || !options.uid.empty();
    return filter;
}

cli::Table run_table(const std::vector<model::Run>& runs)
{
    cli::Table table{"", "name", "uid", "iter", "start", "state", "parameters", "results"};
    std::size_t index = 0;
    for (const auto& run : runs) {
        table.add_row(
            {std::to_string(index++), run.metadata.name, run.metadata.uid,
             std::to_string(run.metadata.iteration), cli::cells::time(run.status.start_time),
             std::string{model::to_string(run.status.state)}, cli::cells::dict(run.spec.parameters),
             cli::cells::dict(run.status.results)});
    }
    return table;
}

Json runs_json(const std::vector<model::Run>& runs)
{
    Json items = Json::array();
    for (const auto& run : runs) {
        items.push_back(model::to_json(run));
    }
    return items;
}

}  // namespace mlrun::commands
