// The run filter options `get runs`, `runs list`, `runs delete` and `runs export` share.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/invocation.hpp"
#include "lib/store/run_db.hpp"

namespace mlrun::commands {

struct RunFilterOptions
{
    std::string project;
    std::string selector;
    std::string uid;
    std::string workflow;  // a workflow id: its steps
    std::string name;
    std::vector<std::string> states;
    std::string since;
    std::string until;
    std::string sort = "start";
    std::size_t limit = 0;
    bool all_iterations = false;
};

// What the filter selects runs for; the options' help says what each command does with them.
enum class RunFilterUse
{
    listing,   // get runs, runs list: parent runs unless --all-iterations
    deletion,  // runs delete: a selected run goes with all its iterations
    backup,    // runs export: every iteration of each selected run, oldest first
};

// Adds -p/--project, -s/--selector, --uid, --workflow, --name, --state, --since, --until, --sort,
// --limit and (for listings) --all-iterations.
void add_run_filter_options(CLI::App& command, RunFilterOptions& options,
                            RunFilterUse use = RunFilterUse::listing);

// Throws Error(usage) for a bad state, time or sort.
store::RunFilter to_run_filter(const RunFilterOptions& options, cli::Invocation& invocation);

// Table of runs as the real tool prints it (leading index column, then name uid iter start
// state parameters results).
cli::Table run_table(const std::vector<model::Run>& runs);
Json runs_json(const std::vector<model::Run>& runs);

// Lists the runs `filter` selects as they come from the store (memory flat for any number of
// runs; json/yaml too), after recording the runs whose runner died among those still running.
void stream_runs(cli::Invocation& invocation, store::RunFilter filter);

}  // namespace mlrun::commands
