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
    if (options.strategy != "restricted" && options.strategy != "cascading" &&
        options.strategy != "cascade") {
        throw Error("unknown deletion strategy '" + options.strategy +
                        "' (restricted or cascading)",
                    ErrorKind::usage);
    }
    auto& db = invocation.run_db(store::Access::write);
    if (!db.find_project(options.name)) {
        throw Error("project '" + options.name + "' not found", ErrorKind::not_found);
    }
    if (options.strategy == "restricted") {
        store::RunFilter runs;
        runs.project = options.name;
        runs.all_iterations = true;
        runs.limit = 1;
        runs.summary = true;
        store::ArtifactFilter artifacts;
        artifacts.project = options.name;
        artifacts.limit = 1;
        if (!db.list_runs(runs).empty() || !db.list_artifacts(artifacts).empty()) {
            throw Error("project '" + options.name +
                            "' still has runs or artifacts; the restricted strategy keeps it",
                        ErrorKind::failed,
                        "pass --strategy cascading to delete it with everything in it");
        }
    }
    db.delete_project(options.name);
    invocation.output().show(
        {{"deleted", options.name}, {"strategy", options.strategy}},
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
                    "restricted (default: refuse while runs or artifacts remain) or cascading "
                    "(delete them too)")
        ->type_name("STRATEGY");
    cli::add_db_option(command, invocation);
    cli::add_output_option(command, invocation);
    command.callback([options, &invocation] { delete_project(*options, invocation); });
}

}  // namespace mlrun::commands
