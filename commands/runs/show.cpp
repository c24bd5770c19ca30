// `mlrun runs show UID`: one run as YAML (or json), with its log size.

#include "commands/runs/runs.hpp"

#include "cli/shared_options.hpp"
#include "commands/runs/checked_run.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::string uid;
    std::string project;
    std::int64_t iteration = 0;
};

}  // namespace

void add_runs_show(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    command.add_option("uid", options->uid, "The run's uid")->required()->type_name("UID");
    command
        .add_option("-p,--project", options->project, "Project; default: the configured default")
        ->type_name("NAME");
    command
        .add_option("--iter", options->iteration,
                    "Hyper-parameter iteration (default 0, the parent)")
        ->type_name("N");
    cli::add_db_option(command, invocation);
    cli::add_output_option(command, invocation);
    command.callback([options, &invocation] {
        const auto project = invocation.project_or_default(options->project);
        auto& db = invocation.run_db();
        const auto run =
            checked_run(invocation, db.read_run(project, options->uid, options->iteration));
        invocation.output().show(model::to_json(run));
    });
}

}  // namespace mlrun::commands
