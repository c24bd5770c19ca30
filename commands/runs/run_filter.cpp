// The run filter options several commands share, and the runs table.

#include "commands/runs/run_filter.hpp"

#include <algorithm>

#include "cli/cells.hpp"
#include "cli/shared_options.hpp"
#include "commands/runs/checked_run.hpp"
#include "lib/error.hpp"
#include "lib/launcher/runner_state.hpp"
#include "lib/store/open_run_db.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::commands {

void add_run_filter_options(CLI::App& command, RunFilterOptions& options, RunFilterUse use)
{
    command
        .add_option("-p,--project", options.project,
                    "Project ('*' for all); default: the configured default project")
        ->type_name("NAME");
    command.add_option("-s,--selector", options.selector, "Label selector, e.g. owner=ci,kind")
        ->type_name("LABELS");
    command.add_option("--uid", options.uid, "Only the run with this uid (or uid prefix)")
        ->type_name("UID");
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
                    use == RunFilterUse::backup
                        ? "Order: start (oldest first here, the default), name, state, updated"
                        : "Order: start (newest first, the default), oldest, name, state, updated")
        ->type_name("KEY");
    const char* limit_help =
        use == RunFilterUse::listing    ? "Show at most N runs (0: all, the default)"
        : use == RunFilterUse::deletion ? "Delete at most N runs (0: all that match, the default)"
                                        : "Export at most N rows, iterations included (0: all)";
    command.add_option("--limit", options.limit, limit_help)
        ->type_name("N")
        ->check(cli::whole_number(0));
    if (use == RunFilterUse::listing) {
        command.add_flag("--all-iterations", options.all_iterations,
                         "Include hyper-parameter child runs (by default only parent runs)");
    }
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
    // On the embedded store --uid takes a prefix too, as every uid argument does (an API
    // matches whole uids: there it is sent as given).
    filter.uid_prefix = !store::is_remote(invocation.config().dbpath());
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

namespace {

const std::vector<std::string> run_headers = {"",      "name",  "uid",        "iter",
                                              "start", "state", "parameters", "results"};

std::vector<std::string> run_row(const model::Run& run, std::size_t index)
{
    return {std::to_string(index),
            run.metadata.name,
            run.metadata.uid,
            std::to_string(run.metadata.iteration),
            cli::cells::time(run.status.start_time),
            std::string{model::to_string(run.status.state)},
            cli::cells::dict(run.spec.parameters),
            cli::cells::dict(run.status.results)};
}

}  // namespace

cli::Table run_table(const std::vector<model::Run>& runs)
{
    cli::Table table{run_headers};
    std::size_t index = 0;
    for (const auto& run : runs) {
        table.add_row(run_row(run, index++));
    }
    return table;
}

void stream_runs(cli::Invocation& invocation, store::RunFilter filter)
{
    auto& output = invocation.output();
    filter.summary = !output.is_machine_readable();  // the table needs only a few fields
    // A dead runner's run is recorded as error, so the listing shows it as it stands. When that
    // can change which runs are listed or their order (a state filter, sorting by state), the
    // unfinished runs this host ran are checked first; otherwise each listed row is checked as
    // it streams (a listing of 100 rows reads 100, whatever the store holds).
    const bool local = !invocation.run_db().is_remote();
    const bool reorders = !filter.states.empty() || filter.sort == store::RunSort::state;
    auto unfinished = filter;
    unfinished.summary = false;
    unfinished.limit = 0;
    unfinished.states.clear();
    unfinished.runner_host = launcher::this_host();  // only these can have a dead runner here
    for (const auto state : {model::RunState::running, model::RunState::pending}) {
        if (filter.states.empty() ||
            std::find(filter.states.begin(), filter.states.end(), state) != filter.states.end()) {
            unfinished.states.push_back(state);
        }
    }
    // On the local store only: an API listing is sent as MLRun's client sends it, one request.
    if (local && reorders && !unfinished.states.empty()) {
        std::vector<model::Run> dead;  // only those are held, however many are running
        invocation.run_db().for_each_run(unfinished, [&](const model::Run& run) {
            if (launcher::runner_gone(run)) {
                dead.push_back(run);
            }
        });
        for (auto& run : dead) {
            checked_run(invocation, std::move(run));
        }
    }
    auto writer = output.begin_list("runs", run_headers);
    std::size_t index = 0;
    invocation.run_db().for_each_run(filter, [&](const model::Run& listed) {
        const bool unfinished_row = listed.status.state == model::RunState::running ||
                                    listed.status.state == model::RunState::pending;
        std::optional<model::Run> checked;
        if (local && !reorders && unfinished_row) {
            checked = checked_runs(invocation, {listed}).front();
        }
        const auto& run = checked ? *checked : listed;
        if (writer.machine_readable()) {
            writer.add(model::to_json(run));
        } else {
            writer.add_row(run_row(run, index++));
        }
    });
    writer.finish();
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
