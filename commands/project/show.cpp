// `mlrun project show [CONTEXT]`: the project as MLRun writes it (YAML by default, or JSON).

#include "cli/shared_options.hpp"
#include "commands/project/project.hpp"
#include "commands/project/project_common.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::string context;
};

}  // namespace

void add_project_show(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    command
        .add_option("context", options->context, "Project folder or project YAML file (default: .)")
        ->type_name("CONTEXT");
    cli::add_output_option(command, invocation);
    command.callback([options, &invocation] {
        const auto loaded = read_context_project(context_path(options->context));
        invocation.output().show(model::to_json(loaded.project));
    });
}

}  // namespace mlrun::commands
