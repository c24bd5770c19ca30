// Running a project's workflow: choosing the engine, and the remote engine (the MLRun API's
// workflow runner).

#include "commands/project/workflow.hpp"

#include <chrono>
#include <set>

#include "commands/log_follow.hpp"
#include "lib/error.hpp"
#include "lib/launcher/task_options.hpp"
#include "lib/store/api_service.hpp"
#include "lib/store/run_db.hpp"
#include "lib/util/files.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::commands {
namespace {

const model::WorkflowEntry* find_workflow(const model::Project& project, const std::string& name)
{
    for (const auto& workflow : project.spec.workflows) {
        if (workflow.name == name) {
            return &workflow;
        }
    }
    return nullptr;
}

// MLRun's `--schedule` words that mean "the workflow's own schedule".
bool means_own_schedule(const std::string& text)
{
    const auto word = util::to_lower(text);
    return word == "1" || word == "yes" || word == "y" || word == "t" || word == "true";
}

}  // namespace

Json notifications_of(const std::vector<std::string>& specs)
{
    Json out = Json::array();
    for (const auto& spec : specs) {
        Json parsed;
        if (spec.starts_with("file=")) {
            parsed = parse_json(util::read_file(spec.substr(5)));
        } else {
            const auto value = try_parse_json(spec);
            if (!value) {
                throw Error("invalid --notification '" + spec + "'", ErrorKind::usage,
                            "use file=PATH or a JSON map such as '{\"slack\": {\"webhook\": "
                            "\"...\"}}'");
            }
            parsed = *value;
        }
        if (!parsed.is_object()) {
            throw Error("a notification must be a JSON map of kind to parameters",
                        ErrorKind::usage);
        }
        for (auto it = parsed.begin(); it != parsed.end(); ++it) {
            out.push_back({{"kind", it.key()}, {"params", it.value()}});
        }
    }
    return out;
}

namespace {

void submit_remote(const WorkflowRunOptions& options, const model::Project& project,
                   const model::WorkflowEntry* workflow, const std::string& engine,
                   cli::Invocation& invocation)
{
    auto& db = invocation.run_db();
    if (options.name.ends_with(".py")) {
        throw Error("a workflow file (" + options.name +
                        ") cannot be sent to the remote engine: add it to the project with "
                        "'mlrun project set-workflow NAME FILE' and push the project's source",
                    ErrorKind::usage, "or run it here with --engine local");
    }
    if (options.override_schedule && !options.schedule.empty()) {
        db.delete_schedule(project.metadata.name, options.name);
    }
    Json spec = {{"name", options.name}, {"engine", engine.empty() ? "kfp" : engine}};
    if (!options.handler.empty()) {
        spec["handler"] = options.handler;
    }
    if (!options.schedule.empty()) {
        spec["schedule"] =
            means_own_schedule(options.schedule) ? workflow->schedule : options.schedule;
    }
    Json request = {{"spec", spec}};
    const auto arguments =
        launcher::parse_parameters(options.arguments, {"-a", &invocation.logger()});
    if (!arguments.empty()) {
        request["arguments"] = arguments;
    }
    if (!options.artifact_path.empty()) {
        request["artifact_path"] = options.artifact_path;
    }
    if (!project.spec.source.empty()) {
        request["source"] = project.spec.source;
    }
    if (const auto notifications = notifications_of(options.notifications);
        !notifications.empty()) {
        request["notifications"] = notifications;
    }
    auto& out = invocation.out();
    out << "Running workflow " << options.name
        << " file: " << (workflow->path.empty() ? "None" : workflow->path) << "\n";
    const auto answer =
        store::require_api(db, "workflow '" + options.name + "' on the remote engine",
                           "set MLRUN_DBPATH (or --db) to the API's URL")
            .submit_workflow(project.metadata.name, options.name, request);
    const auto run_id = answer.value("run_id", Json{});
    if (!run_id.is_string()) {
        out << "Workflow " << options.name << " "
            << answer.value("status", std::string{"submitted"})
            << (answer.contains("schedule") && answer["schedule"].is_string()
                    ? " (" + answer["schedule"].get<std::string>() + ")"
                    : std::string{})
            << "\n";
        return;
    }
    const auto uid = run_id.get<std::string>();
    out << "Workflow " << options.name << " started: runner run " << uid << "\n";
    if (!options.watch && !options.timeout) {
        out << "To track it use: mlrun logs " << uid << " -p " << project.metadata.name << " -f\n";
        return;
    }
    std::optional<std::chrono::steady_clock::time_point> deadline;
    if (options.timeout) {
        deadline = std::chrono::steady_clock::now() + std::chrono::seconds{*options.timeout};
    }
    const auto followed = print_log(invocation, project.metadata.name, uid, 0, true, deadline);
    if (!model::is_terminal(followed.state)) {
        throw Error("workflow " + options.name + " did not finish within " +
                        std::to_string(*options.timeout) + " s (runner run " + uid + " goes on)",
                    ErrorKind::failed);
    }
    out << "Workflow " << options.name << " finished, state=" << model::to_string(followed.state)
        << "\n";
    if (followed.state != model::RunState::completed) {
        throw Error(
            "workflow " + options.name + " ended " + std::string{model::to_string(followed.state)},
            ErrorKind::failed, "see the log: mlrun logs " + uid + " -p " + project.metadata.name);
    }
}

}  // namespace

void run_workflow(const WorkflowRunOptions& options, const model::Project& project,
                  cli::Invocation& invocation)
{
    const auto* workflow = find_workflow(project, options.name);
    if (workflow == nullptr && !options.name.ends_with(".py")) {
        throw Error("workflow '" + options.name + "' is not in project '" + project.metadata.name +
                        "'",
                    ErrorKind::not_found, "see 'mlrun project show' (spec.workflows)");
    }
    const auto engine = !options.engine.empty() ? options.engine
                        : workflow != nullptr   ? workflow->engine
                                                : std::string{};
    static const std::set<std::string> engines{"",       "kfp",          "local",
                                               "remote", "remote:local", "remote:kfp"};
    if (!engines.contains(engine)) {
        throw Error("unknown workflow engine '" + engine + "'", ErrorKind::usage,
                    "use kfp, local, remote, remote:local or remote:kfp");
    }
    const bool api = store::is_remote(invocation.config().dbpath());
    if (options.local || engine == "local" || (!api && engine == "remote:local")) {
        run_workflow_locally(options, project, workflow, invocation);
        return;
    }
    if (!api) {
        if (!options.engine.empty()) {
            throw Error("the " + engine + " workflow engine needs an MLRun API", ErrorKind::failed,
                        "set MLRUN_DBPATH (or --db) to the API's URL, or use --engine local");
        }
        // MLRun's SDK falls back to the local runner when there is no Kubeflow to run on.
        invocation.logger().log(LogLevel::warning, "no MLRun API is configured: running workflow " +
                                                       options.name + " (engine " +
                                                       (engine.empty() ? "kfp" : engine) +
                                                       ") with the local engine");
        run_workflow_locally(options, project, workflow, invocation);
        return;
    }
    submit_remote(options, project, workflow, engine, invocation);
}

}  // namespace mlrun::commands
