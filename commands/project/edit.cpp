// `mlrun project set-function|set-workflow|set-artifact|set-param|set-source`: edits written
// back to project.yaml (fields this tool does not model are kept) and to the run store.

#include "lib/project/edit.hpp"
#include "cli/shared_options.hpp"
#include "commands/project/project.hpp"
#include "commands/project/project_common.hpp"
#include "lib/error.hpp"
#include "lib/launcher/task_options.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::commands {
namespace {

// Reads the project, lets `edit` change it, then writes it back (file and store).
template <typename Edit>
void edit_project(cli::Invocation& invocation, const std::string& given, bool save_to_store,
                  Edit&& edit)
{
    const auto path = context_path(given);
    auto loaded = read_context_project(path);
    const auto context = std::filesystem::is_regular_file(path)
                             ? (path.has_parent_path() ? path.parent_path() : ".")
                             : path;
    const auto message = edit(loaded.project, context);
    project::save_project(loaded.project, loaded.file);
    if (save_to_store) {
        invocation.run_db().store_project(loaded.project);
    }
    invocation.output().show(model::to_json(loaded.project),
                             [&](std::ostream& out) { out << message << "\n"; });
}

void add_context_options(CLI::App& command, std::string& context, bool& save,
                         cli::Invocation& invocation)
{
    command.add_option("--context", context, "Project folder or project YAML file (default: .)")
        ->type_name("DIR");
    command.add_flag("--save,!--no-save", save,
                     "Also store the project in the run store (default), or only write the file");
    cli::add_db_option(command, invocation);
    cli::add_output_option(command, invocation);
}

struct FunctionOptions
{
    project::SetFunctionRequest request;
    std::string context;
    bool save = true;
};

struct WorkflowOptions
{
    project::SetWorkflowRequest request;
    std::vector<std::string> args;
    std::string context;
    bool save = true;
};

struct ArtifactOptions
{
    project::SetArtifactRequest request;
    std::string context;
    bool save = true;
};

struct ParamOptions
{
    std::vector<std::string> pairs;
    std::vector<std::string> unset;
    std::string context;
    bool save = true;
};

struct SourceOptions
{
    std::string source;
    bool pull_at_runtime = false;
    std::string workdir;
    std::string context;
    bool save = true;
};

}  // namespace

void add_project_set_function(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<FunctionOptions>();
    auto& request = options->request;
    command
        .add_option("url", request.url,
                    "Code file (.py), function YAML (path or URL), db://PROJECT/NAME[:TAG] or "
                    "hub://NAME[:TAG]")
        ->type_name("URL");
    command.add_option("-n,--name", request.name, "Function name (NAME or NAME:TAG)")
        ->type_name("NAME");
    command.add_option("-k,--kind", request.kind, "Runtime kind (default job)")->type_name("KIND");
    command.add_option("-i,--image", request.image, "Container image")->type_name("IMAGE");
    command.add_option("--handler", request.handler, "Default handler")->type_name("NAME");
    command.add_option("--tag", request.tag, "Function version tag")->type_name("TAG");
    command.add_option("--requirement", request.requirements, "pip requirement (repeatable)")
        ->type_name("REQ");
    command.add_option("--requirements-file", request.requirements_file, "pip requirements file")
        ->type_name("FILE");
    command.add_flag("--with-repo", request.with_repo,
                     "The code comes with the project source (not embedded)");
    add_context_options(command, options->context, options->save, invocation);
    command.callback([options, &invocation] {
        if (options->request.url.empty() && options->request.handler.empty()) {
            throw Error("set-function needs a URL or a module --handler (pkg.module.func)",
                        ErrorKind::usage);
        }
        edit_project(invocation, options->context, options->save,
                     [&](model::Project& project, const std::filesystem::path& context) {
                         const auto tools = function_tools(invocation);
                         const auto function =
                             project::set_function(project, context, options->request, tools);
                         return "Set function " + function.metadata.name + " (kind " +
                                function.effective_kind() + ") in project " + project.metadata.name;
                     });
    });
}

void add_project_set_workflow(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<WorkflowOptions>();
    auto& request = options->request;
    command.add_option("name", request.name, "Workflow name")->required()->type_name("NAME");
    command.add_option("path", request.path, "Workflow .py file")->required()->type_name("FILE");
    command.add_flag("--embed", request.embed, "Write the code into project.yaml (code:)");
    command
        .add_option("--engine", request.engine, "kfp, local, remote, remote:local or remote:kfp")
        ->type_name("ENGINE");
    command.add_option("--handler", request.handler, "Workflow function (default pipeline)")
        ->type_name("NAME");
    command.add_option("--schedule", request.schedule, "Cron schedule")->type_name("CRON");
    command.add_option("-i,--image", request.image, "Workflow runner image")->type_name("IMAGE");
    command.add_option("-a,--arg", options->args, "Default argument KEY=VALUE (repeatable)")
        ->type_name("KEY=VALUE");
    add_context_options(command, options->context, options->save, invocation);
    command.callback([options, &invocation] {
        options->request.args = launcher::parse_parameters(options->args, {"-a", nullptr});
        edit_project(invocation, options->context, options->save,
                     [&](model::Project& project, const std::filesystem::path& context) {
                         project::set_workflow(project, context, options->request);
                         return "Set workflow " + options->request.name + " in project " +
                                project.metadata.name;
                     });
    });
}

void add_project_set_artifact(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<ArtifactOptions>();
    auto& request = options->request;
    command.add_option("key", request.key, "Artifact key")->required()->type_name("KEY");
    auto* target = command
                       .add_option("--target-path", request.target_path,
                                   "Where the artifact's data is (a URL: s3://, v3io://, ...)")
                       ->type_name("URL");
    auto* import_from =
        command.add_option("--import-from", request.import_from, "An artifact export file")
            ->type_name("FILE");
    target->excludes(import_from);
    command.add_option("--tag", request.tag, "Artifact tag")->type_name("TAG");
    add_context_options(command, options->context, options->save, invocation);
    command.callback([options, &invocation] {
        if (options->request.target_path.empty() && options->request.import_from.empty()) {
            throw Error("set-artifact needs --target-path URL or --import-from FILE",
                        ErrorKind::usage);
        }
        edit_project(invocation, options->context, options->save,
                     [&](model::Project& project, const std::filesystem::path& context) {
                         project::set_artifact(project, context, options->request);
                         return "Set artifact " + options->request.key + " in project " +
                                project.metadata.name;
                     });
    });
}

void add_project_set_param(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<ParamOptions>();
    command.add_option("pairs", options->pairs, "KEY=VALUE (values read as Python literals)")
        ->type_name("KEY=VALUE");
    command.add_option("--unset", options->unset, "Remove the parameter KEY (repeatable)")
        ->type_name("KEY");
    add_context_options(command, options->context, options->save, invocation);
    command.callback([options, &invocation] {
        if (options->pairs.empty() && options->unset.empty()) {
            throw Error("set-param needs KEY=VALUE pairs or --unset KEY", ErrorKind::usage);
        }
        const auto values = launcher::parse_parameters(options->pairs, {"set-param", nullptr});
        edit_project(invocation, options->context, options->save,
                     [&](model::Project& project, const std::filesystem::path&) {
                         for (auto it = values.begin(); it != values.end(); ++it) {
                             project.spec.params[it.key()] = it.value();
                         }
                         for (const auto& key : options->unset) {
                             if (project.spec.params.erase(key) == 0) {
                                 throw Error("project parameter '" + key + "' is not set",
                                             ErrorKind::not_found);
                             }
                         }
                         return "Updated the parameters of project " + project.metadata.name;
                     });
    });
}

void add_project_set_source(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<SourceOptions>();
    command
        .add_option("source", options->source,
                    "git://host/org/repo.git#ref, an archive URL or path, or ./")
        ->required()
        ->type_name("SOURCE");
    command.add_flag("--pull-at-runtime", options->pull_at_runtime,
                     "Load the source when a run starts instead of at build time");
    command.add_option("--workdir", options->workdir, "Code folder within the source")
        ->type_name("DIR");
    add_context_options(command, options->context, options->save, invocation);
    command.callback([options, &invocation] {
        edit_project(invocation, options->context, options->save,
                     [&](model::Project& project, const std::filesystem::path&) {
                         project::set_source(project, options->source, options->pull_at_runtime,
                                             options->workdir);
                         return "Set the source of project " + project.metadata.name + " to " +
                                options->source;
                     });
    });
}

}  // namespace mlrun::commands
