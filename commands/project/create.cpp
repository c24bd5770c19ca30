// `mlrun project create NAME`: a new project folder from a built-in template.

#include "lib/project/create.hpp"
#include "cli/shared_options.hpp"
#include "commands/project/project.hpp"
#include "commands/project/project_common.hpp"
#include "lib/error.hpp"
#include "lib/launcher/task_options.hpp"
#include "lib/project/templates.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::string name;
    std::string context;
    std::string template_name = "empty";
    std::string description;
    std::vector<std::string> params;
    std::string artifact_path;
    bool init_git = false;
    bool overwrite = false;
    bool list_templates = false;
    bool save = true;
};

void list_templates(cli::Invocation& invocation)
{
    cli::Table table{"template", "description"};
    Json items = Json::array();
    for (const auto& info : project::list_templates()) {
        table.add_row({info.name, info.description});
        items.push_back({{"name", info.name}, {"description", info.description}});
    }
    invocation.output().list("templates", items, table);
}

void execute(const Options& options, cli::Invocation& invocation)
{
    if (options.list_templates) {
        list_templates(invocation);
        return;
    }
    if (options.name.empty()) {
        throw Error("a project name is required", ErrorKind::usage,
                    "mlrun project create NAME [--template T]");
    }
    project::CreateRequest request;
    request.name = options.name;
    request.context = options.context.empty() ? std::filesystem::path{options.name}
                                              : std::filesystem::path{options.context};
    request.template_name = options.template_name;
    request.description = options.description;
    request.params = launcher::parse_parameters(options.params, {"--param", &invocation.logger()});
    request.artifact_path = options.artifact_path;
    request.init_git = options.init_git;
    request.overwrite = options.overwrite;
    const auto created = project::create_project(request);
    if (options.save) {
        invocation.run_db().store_project(created.project);
    }
    Json files = Json::array();
    for (const auto& file : created.files) {
        files.push_back(file.string());
    }
    const Json summary = {{"name", created.project.metadata.name},
                          {"context", request.context.string()},
                          {"template", request.template_name},
                          {"files", files},
                          {"git_initialised", created.initialised_git}};
    invocation.output().show(summary, [&](std::ostream& out) {
        out << "Created project " << created.project.metadata.name << " in "
            << request.context.string() << " from template " << request.template_name << ":\n";
        for (const auto& file : created.files) {
            out << "  " << file.string() << "\n";
        }
        if (created.initialised_git) {
            out << "Initialised a git repository in " << request.context.string() << "\n";
        }
        out << "Next: mlrun project validate " << request.context.string() << "\n";
    });
}

}  // namespace

void add_project_create(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    command.add_option("name", options->name, "Project name (lower case, digits and '-')")
        ->type_name("NAME");
    command.add_option("--context", options->context, "Project folder (default: ./NAME)")
        ->type_name("DIR");
    command.add_option("--template", options->template_name, "Template (default: empty)")
        ->type_name("TEMPLATE");
    command.add_option("--description", options->description, "Project description")
        ->type_name("TEXT");
    command.add_option("-x,--param", options->params, "Project parameter KEY=VALUE (repeatable)")
        ->type_name("KEY=VALUE");
    command.add_option("--artifact-path", options->artifact_path, "Project artifact path")
        ->type_name("PATH");
    command.add_flag("--init-git", options->init_git, "git init the project folder");
    command.add_flag("--overwrite", options->overwrite, "Replace files that already exist");
    command.add_flag("--list-templates", options->list_templates, "List the templates and exit");
    command.add_flag("--save,!--no-save", options->save,
                     "Store the project in the run store (default), or not");
    cli::add_db_option(command, invocation);
    cli::add_output_option(command, invocation);
    command.callback([options, &invocation] { execute(*options, invocation); });
}

}  // namespace mlrun::commands
