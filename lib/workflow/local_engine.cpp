// The local workflow engine: a Python driver runs the workflow file; its steps are runs of this
// tool; the workflow is recorded as a workflow-runner run.

#include "lib/workflow/local_engine.hpp"

#include <algorithm>

#include "lib/error.hpp"
#include "lib/launcher/artifact_path.hpp"
#include "lib/launcher/task_options.hpp"
#include "lib/util/files.hpp"
#include "lib/util/strings.hpp"
#include "lib/util/time.hpp"

namespace mlrun::workflow {

WorkflowFile::WorkflowFile(std::filesystem::path path, bool temporary)
    : m_path(std::move(path)), m_temporary(temporary)
{
}

WorkflowFile::WorkflowFile(WorkflowFile&& other) noexcept
    : m_path(std::move(other.m_path)), m_temporary(other.m_temporary)
{
    other.m_temporary = false;
}

WorkflowFile::~WorkflowFile()
{
    if (m_temporary) {
        std::error_code ignored;
        std::filesystem::remove(m_path, ignored);
    }
}

WorkflowFile workflow_file(const model::WorkflowEntry& entry, const std::filesystem::path& code_dir)
{
    if (entry.path.empty()) {
        if (entry.code.empty()) {
            throw Error("workflow '" + entry.name + "' has neither a path nor code",
                        ErrorKind::usage, "set it with 'mlrun project set-workflow NAME FILE'");
        }
        auto path = util::create_temp_file("mlrun-workflow-", ".py");
        WorkflowFile file{path, true};
        util::write_file_atomically(path, entry.code);
        return file;
    }
    if (entry.path.find("://") != std::string::npos) {
        throw Error("workflow '" + entry.name + "' is at a URL (" + entry.path +
                        "), which the local engine does not fetch",
                    ErrorKind::usage, "keep the workflow file in the project's folder");
    }
    std::filesystem::path path{entry.path};
    if (path.is_relative()) {
        // MLRun strips leading '.' and '/' characters of a relative path.
        const auto start = entry.path.find_first_not_of("./");
        path = code_dir / (start == std::string::npos ? std::string{} : entry.path.substr(start));
    }
    if (!std::filesystem::is_regular_file(path)) {
        throw Error("workflow '" + entry.name + "': file " + path.string() + " does not exist",
                    ErrorKind::not_found);
    }
    return {std::filesystem::absolute(path).lexically_normal(), false};
}

std::vector<model::Run> workflow_steps(store::RunDB& db, const std::string& project,
                                       const std::string& id)
{
    store::RunFilter filter;
    filter.project = project;
    filter.labels = {"workflow=" + id};
    filter.sort = store::RunSort::oldest;
    return db.list_runs(filter);
}

std::optional<double> run_duration(const model::Run& run)
{
    const auto start = util::parse_iso(run.status.start_time);
    const auto end = util::parse_iso(run.status.last_update);
    if (!start || !end || *end < *start) {
        return std::nullopt;
    }
    return static_cast<double>(*end - *start) / 1e6;
}

namespace {

model::Run runner_record(const LocalWorkflow& workflow, const std::string& id)
{
    model::Run run;
    run.metadata.uid = id;
    run.metadata.project = workflow.project.metadata.name;
    run.metadata.name = launcher::normalize_run_name("workflow-runner-" + workflow.name);
    run.metadata.labels["job-type"] = std::string{runner_label};
    run.metadata.labels["workflow"] = workflow.name;
    run.metadata.labels["kind"] = "local";
    run.metadata.labels["owner"] = workflow.owner.empty() ? "unknown" : workflow.owner;
    run.spec.handler = workflow.handler;
    run.spec.parameters = workflow.arguments;
    run.spec.output_path =
        launcher::fill_artifact_path(workflow.artifact_path, {{"workflow.uid", id}});
    run.spec.extra["workflow"] = {
        {"name", workflow.name}, {"engine", "local"}, {"path", workflow.file.string()}};
    return run;
}

Json driver_input(const LocalWorkflow& workflow, const model::Run& runner)
{
    return {{"id", runner.metadata.uid},
            {"name", workflow.name},
            {"file", workflow.file.string()},
            {"handler", workflow.handler},
            {"arguments", workflow.arguments},
            {"artifact_path", runner.spec.output_path},
            {"secrets", workflow.secrets},
            {"dbpath", workflow.dbpath},
            {"exe", workflow.executable.string()},
            {"context", std::filesystem::absolute(workflow.context).lexically_normal().string()},
            {"project", model::to_json(workflow.project)}};
}

// Steps left pending or running once the workflow is over (its timeout stopped them) are
// recorded as aborted, so that no run stays "running" forever.
void close_steps(std::vector<model::Run>& steps, store::RunDB& db, const std::string& why)
{
    for (auto& step : steps) {
        if (model::is_terminal(step.status.state)) {
            continue;
        }
        step.status.state = model::RunState::aborted;
        step.status.error = why;
        step.status.last_update = util::format_iso(util::now_micros());
        db.store_run(step);
    }
}

}  // namespace

WorkflowOutcome run_local_workflow(const LocalWorkflow& workflow, store::RunDB& db,
                                   launcher::RunOutput& output, const std::atomic<bool>* cancel)
{
    WorkflowOutcome outcome;
    const auto id = workflow.id.empty() ? launcher::new_uid() : workflow.id;
    auto runner = runner_record(workflow, id);

    const auto input_path = util::create_temp_file("mlrun-workflow-", ".json");
    const std::unique_ptr<const std::filesystem::path, void (*)(const std::filesystem::path*)>
        cleanup{&input_path, [](const std::filesystem::path* path) {
                    std::error_code ignored;
                    std::filesystem::remove(*path, ignored);
                }};
    util::write_file_atomically(input_path, driver_input(workflow, runner).dump(),
                                util::FileMode::private_);

    launcher::LocalTask task;
    task.run = runner;
    task.mode = launcher::ExecutionMode::pass;
    task.command = {workflow.python, "-u", workflow.python_runtime.workflow.string(),
                    workflow.python_runtime.compat_dir.string(), input_path.string()};
    task.environment = workflow.environment;
    task.dbpath = workflow.dbpath;
    task.python = workflow.python;
    task.python_runtime = workflow.python_runtime;
    task.timeout = workflow.timeout;
    // A step stopped with the workflow needs time to stop its own process and record it.
    task.grace = std::chrono::milliseconds{10000};
    outcome.runner = launcher::execute_local(task, db, output, cancel);
    outcome.timed_out = workflow.timeout &&
                        outcome.runner.status.state == model::RunState::aborted &&
                        !(cancel != nullptr && cancel->load());

    outcome.steps = workflow_steps(db, runner.metadata.project, id);
    close_steps(outcome.steps, db,
                outcome.timed_out ? "the workflow timed out" : "the workflow was stopped");
    Json steps = Json::array();
    for (const auto& step : outcome.steps) {
        steps.push_back({{"name", step.metadata.name},
                         {"uid", step.metadata.uid},
                         {"state", model::to_string(step.status.state)}});
    }
    outcome.runner.status.extra["steps"] = steps;
    if (outcome.timed_out) {
        outcome.runner.status.error =
            "workflow timed out after " + std::to_string(workflow.timeout->count() / 1000) + "s";
    }
    db.store_run(outcome.runner);
    return outcome;
}

}  // namespace mlrun::workflow
