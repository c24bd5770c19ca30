// `mlrun get KIND [NAME]`: list or show runs, artifacts, functions and projects of the
// configured store, with the real tool's kinds (matched by prefix), tables and flags.

#include "commands/commands.hpp"

#include "cli/cells.hpp"
#include "cli/shared_options.hpp"
#include "commands/artifacts/artifacts.hpp"
#include "commands/project/project.hpp"
#include "commands/project/workflow.hpp"
#include "commands/runs/checked_run.hpp"
#include "commands/runs/run_filter.hpp"
#include "lib/error.hpp"
#include "lib/workflow/local_engine.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::string kind;
    std::string name;
    std::vector<std::string> extra;  // accepted and ignored, as the real tool does
    RunFilterOptions runs;
    std::string namespace_;  // accepted for compatibility; unused
    std::string tag;
};

std::string project_of(const Options& options, cli::Invocation& invocation)
{
    const auto project = invocation.project_or_default(options.runs.project);
    if (options.runs.project.empty()) {
        invocation.logger().log(LogLevel::warning,
                                "Project parameter was not specified. Defaulting to '" + project +
                                    "' project");
    }
    return project;
}

void get_runs(const Options& options, cli::Invocation& invocation)
{
    if (!options.tag.empty()) {
        invocation.output().text(
            "Unsupported argument '--tag' for listing runs. Perhaps you should "
            "use '--selector' instead");
        return;
    }
    if (!options.name.empty()) {
        // As in MLRun, NAME is a run uid (here also a unique prefix, in any project).
        invocation.output().show(
            model::to_json(read_named_run(invocation, options.runs.project, options.name)));
        return;
    }
    const auto project = project_of(options, invocation);
    auto filter = to_run_filter(options.runs, invocation);
    filter.project = project;
    stream_runs(invocation, std::move(filter));
}

void get_artifacts(const Options& options, cli::Invocation& invocation)
{
    const auto project = project_of(options, invocation);
    show_artifact_list(invocation, {.project = project,
                                    .key = options.name,
                                    .tag = options.tag,
                                    .labels = store::parse_labels(options.runs.selector),
                                    .limit = options.runs.limit});
}

void get_functions(const Options& options, cli::Invocation& invocation)
{
    const auto project = project_of(options, invocation);
    auto& db = invocation.run_db();
    if (!options.name.empty()) {
        invocation.output().show(
            model::to_json(db.read_function(project, options.name, options.tag, "")));
        return;
    }
    const auto functions = db.list_functions({.project = project,
                                              .tag = options.tag,
                                              .labels = store::parse_labels(options.runs.selector),
                                              .limit = options.runs.limit});
    cli::Table table{"kind", "state", "name:tag", "hash"};
    Json items = Json::array();
    for (const auto& function : functions) {
        table.add_row({function.kind, function.status.value("state", std::string{}),
                       function.metadata.name + ":" + function.metadata.tag,
                       function.metadata.hash});
        items.push_back(model::to_json(function));
    }
    invocation.output().list("funcs", items, table);
}

// One workflow (its runner run, by id or unique prefix) and its steps.
void show_workflow(const Options& options, cli::Invocation& invocation)
{
    const auto runner = read_named_run(invocation, options.runs.project, options.name);
    const auto& project = runner.metadata.project;
    if (runner.metadata.labels.value("job-type", std::string{}) != workflow::runner_label) {
        throw Error("run " + runner.metadata.uid + " is not a workflow run", ErrorKind::not_found,
                    "list them with: mlrun get workflows -p " + project);
    }
    const auto steps = workflow::workflow_steps(invocation.run_db(), project, runner.metadata.uid);
    invocation.output().show(workflow_json(runner, steps), [&](std::ostream& out) {
        out << "Workflow " << runner.metadata.labels.value("workflow", std::string{}) << " ("
            << runner.metadata.uid << ") in project " << runner.metadata.project
            << ": state=" << workflow_state(runner) << "\n";
        if (!runner.status.error.empty()) {
            out << "error: " << runner.status.error << "\n";
        }
        out << "\n";
        steps_table(steps).render(out, invocation.output().style());
    });
}

// Workflow runs are recorded as their runner's run (labels job-type=workflow-runner and
// workflow=<name>, uid = the workflow id); their steps carry the label workflow=<id>.
void get_workflows(const Options& options, cli::Invocation& invocation)
{
    if (!options.name.empty()) {
        show_workflow(options, invocation);
        return;
    }
    const auto project = project_of(options, invocation);
    if (project == store::all_projects) {
        invocation.logger().log(
            LogLevel::warning,
            "Warning, reading workflows for all projects may take a long time !");
    }
    auto& db = invocation.run_db();
    auto filter = to_run_filter(options.runs, invocation);
    filter.project = project;
    filter.labels.push_back("job-type=" + std::string{workflow::runner_label});
    const auto runners = db.list_runs(filter);
    cli::Table table{"project", "name", "id", "status", "created at", "finished at"};
    Json items = Json::array();
    for (const auto& runner : runners) {
        const bool over = model::is_terminal(runner.status.state);
        table.add_row({runner.metadata.project,
                       runner.metadata.labels.value("workflow", runner.metadata.name),
                       runner.metadata.uid, workflow_state(runner),
                       cli::cells::time(runner.status.start_time),
                       over ? cli::cells::time(runner.status.last_update) : std::string{}});
        items.push_back(workflow_json(runner, {}));
        items.back().erase("steps");
    }
    invocation.output().list("workflows", items, table);
}

void get_projects(const Options& options, cli::Invocation& invocation)
{
    auto& db = invocation.run_db();
    if (!options.name.empty()) {
        invocation.output().show(model::to_json(db.read_project(options.name)));
        return;
    }
    show_project_list(invocation);
}

void execute(const Options& options, cli::Invocation& invocation)
{
    const auto& kind = options.kind;
    if (kind.starts_with("-")) {
        throw Error("Invalid value for 'KIND': KIND (" + kind +
                        ") cannot start with '-', ensure the command options are typed correctly",
                    ErrorKind::usage, "use '--' to separate options and arguments");
    }
    if (kind.starts_with("po")) {
        invocation.logger().log(LogLevel::warning, "Unsupported, use 'get runtimes' instead");
    } else if (kind.starts_with("runtime")) {
        throw Error("'mlrun get runtimes' lists Kubernetes runtime resources, which exist only "
                    "behind an MLRun API server",
                    ErrorKind::failed, "set MLRUN_DBPATH or --db to the API URL");
    } else if (kind.starts_with("run")) {
        get_runs(options, invocation);
    } else if (kind.starts_with("art")) {
        get_artifacts(options, invocation);
    } else if (kind.starts_with("func")) {
        get_functions(options, invocation);
    } else if (kind.starts_with("workflow")) {
        get_workflows(options, invocation);
    } else if (kind.starts_with("proj")) {
        get_projects(options, invocation);
    } else {
        // MLRun prints a notice and exits 0; a typo is a usage error here (exit 2).
        throw Error("unknown kind '" + kind +
                        "': get runs | artifacts | functions | workflows | projects | runtimes",
                    ErrorKind::usage, "e.g. mlrun get runs -p PROJECT");
    }
}

}  // namespace

void add_get(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    command
        .add_option(
            "kind", options->kind,
            "runs | artifacts | functions | projects | workflows (prefixes work: run, art...)")
        ->required()
        ->type_name("KIND");
    command
        .add_option("name", options->name,
                    "runs, workflows: an id to show; artifacts: a key; functions, projects: a name")
        ->type_name("NAME");
    command.add_option("extra", options->extra, "Ignored, as in MLRun")->type_name("ARGS");
    add_run_filter_options(command, options->runs);
    command.add_option("-n,--namespace", options->namespace_, "Kubernetes namespace (unused)")
        ->type_name("NAMESPACE");
    command.add_option("-t,--tag", options->tag, "Artifact or function tag")->type_name("TAG");
    cli::add_db_option(command, invocation);
    cli::add_output_option(command, invocation);
    command.footer("Listings show every matching object, newest first; runs lists parent runs "
                   "(iteration 0) only unless --all-iterations. There is no hidden time window: "
                   "use --since/--until and --limit to narrow.");
    command.callback([options, &invocation] { execute(*options, invocation); });
}

}  // namespace mlrun::commands
