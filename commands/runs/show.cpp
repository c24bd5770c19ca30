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
        auto ref = named_run(invocation, options->project, options->uid);
        auto run = ref.run && options->iteration == 0
                       ? std::move(*ref.run)
                       : invocation.run_db().read_run(ref.project, ref.uid, options->iteration);
        run = checked_run(invocation, std::move(run));
        invocation.output().show(model::to_json(run));
    });
}

}  // namespace mlrun::commands
