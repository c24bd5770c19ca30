// `mlrun project [CONTEXT] [-n NAME] [-u URL] ...`: the real tool's form, which loads a project
// (from its folder, a git repository, an archive, a YAML file or the store), saves it, and
// prints it; and the verbs of the native tool.

#include "commands/project/project.hpp"

#include "cli/shared_options.hpp"
#include "commands/commands.hpp"
#include "commands/project/project_common.hpp"
#include "commands/project/workflow.hpp"
#include "lib/error.hpp"
#include "lib/launcher/task_options.hpp"
#include "lib/project/load.hpp"
#include "lib/yaml/yaml.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::string context;
    std::string name;
    std::string url;
    std::string run;
    std::vector<std::string> arguments;
    std::string artifact_path;
    std::vector<std::string> params;
    std::vector<std::string> secrets;
    std::string namespace_;
    bool init_git = false;
    bool clone = false;
    bool sync = false;
    bool watch = false;
    bool dirty = false;
    std::string git_repo;
    std::optional<std::int64_t> git_issue;
    std::string handler;
    std::string engine;
    bool local = false;
    std::optional<std::int64_t> timeout;
    bool save = true;
    std::string schedule;
    std::string workflow_id;
    bool save_secrets = false;
    bool override_schedule = false;
    std::vector<std::string> notifications;
};

Json load_parameters(const Options& options, const config::Environment& environment,
                     Reporter& reporter)
{
    auto parameters = launcher::parse_parameters(options.params, {"-x", &reporter});
    if (!options.git_repo.empty()) {
        parameters["git_repo"] = options.git_repo;
    }
    if (options.git_issue) {
        parameters["git_issue"] = *options.git_issue;
    }
    if (!parameters.contains("commit_id")) {
        for (const char* name : {"GITHUB_SHA", "CI_COMMIT_SHA"}) {
            if (const auto sha = config::lookup(environment, name); sha && !sha->empty()) {
                parameters["commit_id"] = *sha;
                break;
            }
        }
    }
    return parameters;
}

void execute(const Options& options, cli::Invocation& invocation)
{
    const auto& environment = invocation.effective_environment();
    project::LoadRequest request;
    // Port note (cli.md §3): MLRun fails on an empty context; "." is what users mean.
    request.context = context_path(options.context);
    if (!options.url.empty()) {
        request.source = project::classify_url_option(options.url);
    }
    request.name = options.name;
    request.init_git = options.init_git;
    request.clone = options.clone;
    request.allow_dirty = options.dirty;
    request.parameters = load_parameters(options, environment, invocation.logger());
    request.environment = environment;
    const bool needs_db = request.source && request.source->kind == project::SourceKind::db;
    auto loaded = project::load_project(request, needs_db ? &invocation.run_db() : nullptr);
    auto& log = invocation.logger();
    for (const auto& warning : loaded.warnings) {
        log.log(LogLevel::warning, warning);
    }
    if (options.save) {
        save_project(invocation, loaded.project, request.context);
    }
    // With --output json|yaml stdout carries one document: the workflow's with -r, else the
    // project's.
    const bool machine = invocation.output().is_machine_readable();
    auto& out = machine ? invocation.err() : invocation.out();
    out << "Loading project " << loaded.project.metadata.name;
    if (request.source) {
        out << " from " << request.source->shown();
    }
    out << " into " << request.context.string() << (machine ? "\n" : ":\n\n");
    if (!machine) {
        out << yaml::dump(model::to_json(loaded.project));
    } else if (options.run.empty()) {
        invocation.output().show(model::to_json(loaded.project));
    }
    if (options.sync) {
        out << "Saving project functions to db ..\n";
        const auto count = sync_functions(invocation, loaded.project, request.context);
        log.log(LogLevel::info, "Stored " + std::to_string(count) + " functions of project " +
                                    loaded.project.metadata.name);
    }
    if (!options.run.empty()) {
        WorkflowRunOptions workflow;
        workflow.name = options.run;
        workflow.context = request.context;
        workflow.secrets = options.secrets;
        workflow.save_secrets = options.save_secrets;
        workflow.override_schedule = options.override_schedule;
        workflow.arguments = options.arguments;
        if (!options.artifact_path.empty()) {
            workflow.artifact_path =
                options.artifact_path.find("://") != std::string::npos
                    ? options.artifact_path
                    : std::filesystem::absolute(options.artifact_path).lexically_normal().string();
        }
        workflow.handler = options.handler;
        workflow.engine = options.engine;
        workflow.local = options.local;
        workflow.watch = options.watch;
        workflow.timeout = options.timeout;
        workflow.schedule = options.schedule;
        workflow.notifications = options.notifications;
        workflow.id = options.workflow_id;
        run_workflow(workflow, loaded.project, invocation);
    }
}

void add_verbs(CLI::App& command, cli::Invocation& invocation)
{
    add_project_create(*command.add_subcommand("create", "Create a project folder from a template"),
                       invocation);
    add_project_load(*command.add_subcommand(
                         "load", "Load a project from a folder, git repository, archive or file"),
                     invocation);
    add_project_show(*command.add_subcommand("show", "Print a project (YAML or JSON)"), invocation);
    add_project_validate(
        *command.add_subcommand("validate", "Check project and function files (a lint for CI)"),
        invocation);
    add_project_list(*command.add_subcommand("list", "List the projects in the run store"),
                     invocation);
    add_project_delete(*command.add_subcommand("delete", "Delete a project from the run store"),
                       invocation);
    add_project_set_function(
        *command.add_subcommand("set-function", "Add or replace a function of the project"),
        invocation);
    add_project_set_workflow(
        *command.add_subcommand("set-workflow", "Add or replace a workflow of the project"),
        invocation);
    add_project_set_artifact(
        *command.add_subcommand("set-artifact", "Add or replace an artifact of the project"),
        invocation);
    add_project_set_param(*command.add_subcommand("set-param", "Set or remove project parameters"),
                          invocation);
    add_project_set_source(*command.add_subcommand("set-source", "Set the project's code source"),
                           invocation);
}

}  // namespace

void add_project(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    command.require_subcommand(0, 1);
    command.add_option("context", options->context, "Project folder (default: .)")
        ->type_name("CONTEXT");
    command.add_option("-n,--name", options->name, "Project name (overrides the file's)")
        ->type_name("NAME");
    command
        .add_option("-u,--url", options->url,
                    "Load from: git://... [#ref], .yaml/.zip/.tar.gz (path or URL), db://NAME, "
                    "or a stored project's name")
        ->type_name("URL");
    command.add_option("-r,--run", options->run, "Workflow to run (name or .py file)")
        ->type_name("WORKFLOW");
    command.add_option("-a,--arguments", options->arguments, "Workflow argument KEY=VALUE")
        ->type_name("KEY=VALUE");
    command
        .add_option("-p,--artifact-path", options->artifact_path,
                    "Artifact path for the workflow (made absolute)")
        ->type_name("PATH");
    command.add_option("-x,--param", options->params, "Project parameter KEY=VALUE (repeatable)")
        ->type_name("KEY=VALUE");
    command.add_option("-s,--secrets", options->secrets, "Secrets for the steps: KIND=SOURCE")
        ->type_name("KIND=SOURCE");
    command.add_option("--namespace", options->namespace_, "Kubernetes namespace (KFP)")
        ->type_name("NAME");
    cli::add_db_option(command, invocation);
    command.add_flag("--init-git", options->init_git, "git init the context if it is not a repo");
    command.add_flag("-c,--clone", options->clone,
                     "Empty the context before cloning or extracting into it");
    command.add_flag("--sync", options->sync, "Store the project's functions in the run store");
    command.add_flag("-w,--watch", options->watch, "Wait for the workflow to finish");
    command.add_flag("-d,--dirty", options->dirty, "Accept uncommitted git changes");
    command.add_option("--git-repo", options->git_repo, "org/repo, stored as param git_repo")
        ->type_name("ORG/REPO");
    command.add_option("--git-issue", options->git_issue, "Stored as param git_issue")
        ->type_name("N");
    command.add_option("--handler", options->handler, "Workflow handler function")
        ->type_name("NAME");
    command
        .add_option("--engine", options->engine,
                    "Workflow engine: kfp, local, remote, remote:local, remote:kfp")
        ->type_name("ENGINE");
    command.add_flag("--local", options->local, "Run the workflow's functions locally");
    command.add_option("--timeout", options->timeout, "Seconds to wait for the workflow")
        ->type_name("SECONDS")
        ->check(cli::whole_number(0, 100'000'000));
    cli::add_env_file_option(command, invocation);
    command.add_flag("--save,!--no-save", options->save,
                     "Write project.yaml and store the project (default), or not");
    command.add_option("--schedule", options->schedule, "Cron schedule for the workflow")
        ->type_name("CRON");
    command.add_flag("--save-secrets", options->save_secrets, "Store --secrets as project secrets");
    command.add_option("--workflow-id", options->workflow_id, "The workflow's id (internal)")
        ->type_name("UID")
        ->group("");
    command.add_flag("--override", options->override_schedule,
                     "Replace the workflow's existing schedule (with --schedule)");
    cli::add_output_option(command, invocation);
    command
        .add_option("--notifications,--notification", options->notifications,
                    "file=PATH or a JSON map of notification kind to parameters (also -nt)")
        ->type_name("SPEC");
    add_verbs(command, invocation);
    command.callback([options, &command, &invocation] {
        if (!command.get_subcommands().empty()) {
            return;  // a verb ran
        }
        execute(*options, invocation);
    });
}

}  // namespace mlrun::commands
