// `mlrun project list` and `mlrun project delete NAME`: projects in the run store.

#include "cli/cells.hpp"
#include "cli/shared_options.hpp"
#include "commands/project/project.hpp"
#include "lib/error.hpp"
#include "lib/store/run_db.hpp"

namespace mlrun::commands {
namespace {

struct DeleteOptions
{
    std::string name;
    std::string strategy = "restricted";
};

void delete_project(const DeleteOptions& options, cli::Invocation& invocation)
{
    const auto strategy = store::parse_deletion_strategy(options.strategy);
    auto& db = invocation.run_db();
    db.delete_project(options.name, strategy);
    invocation.output().show(
        {{"deleted", options.name}, {"strategy", std::string{store::to_string(strategy)}}},
        [&](std::ostream& out) { out << "Deleted project " << options.name << "\n"; });
}

}  // namespace

void show_project_list(cli::Invocation& invocation)
{
    auto& db = invocation.run_db();
    cli::Table table{"name", "state", "functions", "workflows", "created", "description"};
    Json items = Json::array();
    for (const auto& project : db.list_projects()) {
        table.add_row(
            {project.metadata.name,
             project.status.state.empty() ? project.spec.desired_state : project.status.state,
             std::to_string(project.spec.functions.size()),
             std::to_string(project.spec.workflows.size()),
             cli::cells::time(project.metadata.created), project.spec.description});
        items.push_back(model::to_json(project));
    }
    invocation.output().list("projects", items, table);
}

void add_project_list(CLI::App& command, cli::Invocation& invocation)
{
    cli::add_db_option(command, invocation);
    cli::add_output_option(command, invocation);
    command.callback([&invocation] { show_project_list(invocation); });
}

void add_project_delete(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<DeleteOptions>();
    command.add_option("name", options->name, "Project name")->required()->type_name("NAME");
    command
        .add_option("--strategy", options->strategy,
                    "restricted (default: refuse while runs, logs, functions, artifacts or "
                    "schedules remain) or cascading (delete them too)")
        ->type_name("STRATEGY");
    cli::add_db_option(command, invocation);
    cli::add_output_option(command, invocation);
    command.callback([options, &invocation] { delete_project(*options, invocation); });
}

}  // namespace mlrun::commands
