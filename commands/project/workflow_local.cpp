// The local workflow engine from the command line: resolve the workflow, its arguments and
// artifact path, run it (steps are runs of this tool), then print the steps' summary and exit
// by the workflow's final state.

#include <cstdio>

#include "cli/cells.hpp"
#include "cli/interrupt.hpp"
#include "cli/run_output.hpp"
#include "commands/project/project_common.hpp"
#include "commands/project/workflow.hpp"
#include "lib/config/environment.hpp"
#include "lib/error.hpp"
#include "lib/launcher/artifact_path.hpp"
#include "lib/launcher/python_runtime.hpp"
#include "lib/launcher/run_record.hpp"
#include "lib/launcher/task_options.hpp"
#include "lib/project/directory.hpp"
#include "lib/store/run_db.hpp"
#include "lib/workflow/arguments.hpp"
#include "lib/workflow/local_engine.hpp"

namespace mlrun::commands {
namespace {

std::string duration_text(const model::Run& run)
{
    const auto seconds = workflow::run_duration(run);
    if (!seconds) {
        return "";
    }
    char text[32];
    if (*seconds < 60) {
        std::snprintf(text, sizeof text, "%.1fs", *seconds);
    } else {
        std::snprintf(text, sizeof text, "%dm%02ds", static_cast<int>(*seconds) / 60,
                      static_cast<int>(*seconds) % 60);
    }
    return text;
}

Json step_json(const model::Run& step)
{
    Json outputs = step.status.results;
    const auto uris = step.artifact_uris();
    for (auto it = uris.begin(); it != uris.end(); ++it) {
        outputs[it.key()] = it.value();
    }
    Json value = {{"name", step.metadata.name},      {"uid", step.metadata.uid},
                  {"function", step.spec.function},  {"state", model::to_string(step.status.state)},
                  {"start", step.status.start_time}, {"end", step.status.last_update},
                  {"results", step.status.results},  {"outputs", outputs}};
    if (const auto seconds = workflow::run_duration(step)) {
        value["duration"] = *seconds;
    }
    if (!step.status.error.empty()) {
        value["error"] = step.status.error;
    }
    return value;
}

// MLRun's default: the project's artifact path (or the configured one) plus the workflow id.
std::string artifact_path_of(const WorkflowRunOptions& options, const model::Project& project,
                             cli::Invocation& invocation)
{
    if (!options.artifact_path.empty()) {
        return options.artifact_path;
    }
    auto path =
        launcher::choose_artifact_path({project.spec.artifact_path}, invocation.server_config());
    if (path.empty()) {
        path = (std::filesystem::absolute(options.context) / "artifacts").lexically_normal();
    } else if (path.find("://") == std::string::npos) {
        path = std::filesystem::absolute(path).lexically_normal().string();
    }
    if (path.find("{{workflow.uid}}") == std::string::npos) {
        path += (path.ends_with("/") ? "" : "/") + std::string{"{{workflow.uid}}"};
    }
    return path;
}

// The local engine sends nothing over the network: console notifications are printed, the
// others say what they would need.
void notify(const Json& notifications, const std::string& message, cli::Invocation& invocation)
{
    for (const auto& notification : notifications) {
        const auto kind = notification.value("kind", std::string{});
        if (kind == "console") {
            invocation.err() << message << "\n";
        } else {
            invocation.logger().log(LogLevel::warning,
                                    "notification '" + kind +
                                        "' not sent: the local engine sends no notifications "
                                        "over the network (an MLRun API sends them)");
        }
    }
}

}  // namespace

std::string workflow_state(const model::Run& runner)
{
    switch (runner.status.state) {
    case model::RunState::completed: return "Succeeded";
    case model::RunState::error: return "Failed";
    case model::RunState::aborted: return "Aborted";
    case model::RunState::created:
    case model::RunState::pending: return "Pending";
    case model::RunState::running: return "Running";
    default: return std::string{model::to_string(runner.status.state)};
    }
}

Json workflow_json(const model::Run& runner, const std::vector<model::Run>& steps)
{
    const auto& workflow = runner.spec.extra.value("workflow", Json::object());
    Json value = {
        {"kind", "workflow"},
        {"id", runner.metadata.uid},
        {"name", runner.metadata.labels.value("workflow", workflow.value("name", std::string{}))},
        {"project", runner.metadata.project},
        {"engine", workflow.value("engine", std::string{})},
        {"state", workflow_state(runner)},
        {"start", runner.status.start_time},
        {"end", runner.status.last_update},
        {"arguments", runner.spec.parameters},
        {"artifact_path", runner.spec.output_path},
        {"steps", Json::array()}};
    if (const auto seconds = workflow::run_duration(runner)) {
        value["duration"] = *seconds;
    }
    if (!runner.status.error.empty()) {
        value["error"] = runner.status.error;
    }
    for (const auto& step : steps) {
        value["steps"].push_back(step_json(step));
    }
    return value;
}

cli::Table steps_table(const std::vector<model::Run>& steps)
{
    cli::Table table{"step", "uid", "state", "duration", "results"};
    for (const auto& step : steps) {
        table.add_row({step.metadata.name, step.metadata.uid,
                       std::string{model::to_string(step.status.state)}, duration_text(step),
                       cli::cells::dict(step.status.results)});
    }
    return table;
}

void run_workflow_locally(const WorkflowRunOptions& options, const model::Project& project,
                          const model::WorkflowEntry* entry, cli::Invocation& invocation)
{
    if (!options.schedule.empty()) {
        throw Error("workflows run by the local engine cannot be scheduled", ErrorKind::usage,
                    "schedules need an MLRun API: --engine remote with MLRUN_DBPATH set");
    }
    const auto& environment = invocation.effective_environment();
    auto& log = invocation.logger();
    if (options.save_secrets) {
        log.log(LogLevel::warning, "--save-secrets stores project secrets in Kubernetes through "
                                   "an MLRun API; the local engine passes the secrets to the "
                                   "steps only");
    }
    const auto notifications = notifications_of(options.notifications);

    model::WorkflowEntry from_file;
    if (entry == nullptr) {  // `-r path/to/workflow.py`
        from_file.name = std::filesystem::path{options.name}.stem().string();
        from_file.path = std::filesystem::absolute(options.name).string();
        entry = &from_file;
    }
    const auto file = workflow::workflow_file(*entry, project::code_path(project, options.context));

    workflow::LocalWorkflow run;
    run.project = project;
    run.context = options.context;
    run.name = entry->name;
    run.file = file.path();
    run.handler = !options.handler.empty() ? options.handler : entry->handler;
    run.arguments = workflow::merge_arguments(
        *entry, launcher::parse_parameters(options.arguments, {"-a", &invocation.logger()}));
    run.artifact_path = artifact_path_of(options, project, invocation);
    run.secrets = launcher::parse_secret_sources(options.secrets, environment);
    run.dbpath = invocation.config().dbpath();
    run.executable = std::filesystem::read_symlink("/proc/self/exe");
    run.environment = environment;
    run.python = config::lookup(environment, "MLRUN_PYTHON").value_or("python3");
    run.python_runtime = launcher::install_python_runtime(python_cache(invocation));
    if (options.timeout) {
        run.timeout = std::chrono::seconds{*options.timeout};
    }
    run.owner = launcher::run_owner(environment);
    run.id = options.id;

    const bool machine = invocation.output().is_machine_readable();
    auto& out = machine ? invocation.err() : invocation.out();
    out << "Running workflow " << options.name
        << " file: " << (entry->path.empty() ? std::string{"None"} : entry->path) << "\n";
    out.flush();
    auto& db = invocation.run_db();
    cli::StreamRunOutput output{out, invocation.err()};
    cli::CooperativeInterrupts cooperative;
    const auto outcome = workflow::run_local_workflow(run, db, output, &cli::interrupt_requested());
    output.end_lines();
    const auto& runner = outcome.runner;
    const auto& id = runner.metadata.uid;

    std::size_t failed = 0;
    for (const auto& step : outcome.steps) {
        failed += step.status.state == model::RunState::completed ? 0 : 1;
    }
    const auto state = workflow_state(runner);
    const auto message = "Workflow " + id + " finished" +
                         (failed ? " with " + std::to_string(failed) + " errors" : std::string{}) +
                         ", state=" + state;
    notify(notifications, message, invocation);
    if (machine) {
        invocation.output().show(workflow_json(runner, outcome.steps));
    } else {
        out << message << "\n\n";
        if (outcome.steps.empty()) {
            out << "No step ran.\n";
        } else {
            steps_table(outcome.steps).render(out, invocation.output().style());
        }
        out << "\nRuns of this workflow: mlrun runs list --workflow " << id << " -p "
            << runner.metadata.project << "\n";
    }
    if (cli::interrupt_requested().load()) {
        throw Error("workflow " + run.name + " (" + id + ") aborted", ErrorKind::interrupted);
    }
    if (outcome.timed_out) {
        throw Error("workflow " + run.name + " (" + id + ") did not finish within " +
                        std::to_string(*options.timeout) + " s; its steps were stopped",
                    ErrorKind::failed);
    }
    if (runner.status.state != model::RunState::completed) {
        throw Error("workflow " + run.name + " (" + id + ") failed: " + runner.status.error,
                    ErrorKind::failed,
                    "see its log: mlrun logs " + id + " -p " + runner.metadata.project);
    }
}

}  // namespace mlrun::commands
