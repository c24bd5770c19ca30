// POST /api/v1/submit_job: a job or local function run on this machine (JobRunner), its run
// stored as pending at once and answered as MLRun answers a submission.

#include "lib/launcher/local_launcher.hpp"
#include "lib/model/function.hpp"
#include "lib/model/run.hpp"
#include "lib/model/uri.hpp"
#include "lib/server/routes.hpp"
#include "lib/util/time.hpp"

namespace mlrun::server::detail {

namespace {

// The function a task names without sending it: "db://project/name:tag" or
// "project/name@hash" (MLRun's function URI).
Json stored_function(const Call& call, const std::string& uri, const std::string& project)
{
    std::string text = uri.starts_with("db://") ? uri.substr(5) : uri;
    std::string hash;
    std::string tag;
    if (const auto at = text.find('@'); at != std::string::npos) {
        hash = text.substr(at + 1);
        text.resize(at);
    }
    if (const auto colon = text.find(':'); colon != std::string::npos) {
        tag = text.substr(colon + 1);
        text.resize(colon);
    }
    std::string name = text;
    std::string owner = project;
    if (const auto slash = text.find('/'); slash != std::string::npos) {
        owner = text.substr(0, slash);
        name = text.substr(slash + 1);
    }
    const auto function = call.db.find_function(owner, name, tag, hash);
    if (!function) {
        throw mlrun_error(404, "MLRunNotFoundError", "Function not found " + uri);
    }
    return model::to_json(*function);
}

}  // namespace

HttpResponse submit_job(Call& call)
{
    Json body = call.json_body(false);
    if (!body.is_object() || !body.contains("task") || !body["task"].is_object()) {
        throw reason_error(400, "bad JSON body: expected {\"task\": {...}, \"function\": {...}}");
    }
    if (!call.server.submit_job) {
        throw mlrun_error(400, "MLRunBadRequestError", "this server runs no jobs");
    }
    if (body.contains("schedule") && !body["schedule"].is_null() &&
        !(body["schedule"].is_string() && body["schedule"].get<std::string>().empty())) {
        throw mlrun_error(400, "MLRunBadRequestError",
                          "schedules are not run by `mlrun serve` (run the job now, or from "
                          "cron with `mlrun run`)");
    }
    Json task = std::move(body["task"]);
    if (!task.contains("metadata") || !task["metadata"].is_object()) {
        task["metadata"] = Json::object();
    }
    if (!task.contains("spec") || !task["spec"].is_object()) {
        task["spec"] = Json::object();
    }
    auto& metadata = task["metadata"];
    std::string project = metadata.value("project", "");
    Json function = body.value("function", Json());
    if (project.empty() && function.is_object()) {
        project = function.value("metadata", Json::object()).value("project", "");
    }
    if (project.empty()) {
        project = "default";
    }
    ensure_project(call, project);
    if (!function.is_object() || function.empty()) {
        const std::string uri = task["spec"].value("function", "");
        if (uri.empty()) {
            throw mlrun_error(400, "MLRunInvalidArgumentError",
                              "the task names no function and none was sent");
        }
        function = stored_function(call, uri, project);
    }
    const std::string kind = function.value("kind", "");
    if (kind != "job" && kind != "local" && kind != "handler" && !kind.empty()) {
        throw mlrun_error(400, "MLRunBadRequestError",
                          "function kind '" + kind +
                              "' needs Kubernetes; `mlrun serve` runs job and local functions "
                              "on this machine");
    }
    std::string uid = metadata.value("uid", "");
    if (uid.empty()) {
        uid = launcher::new_uid();
    }
    metadata["uid"] = uid;
    metadata["project"] = project;
    metadata["iteration"] = 0;
    if (!metadata.contains("name") || !metadata["name"].is_string() ||
        metadata["name"].get<std::string>().empty()) {
        metadata["name"] = function.value("metadata", Json::object()).value("name", "run");
    }
    if (!metadata.contains("labels") || !metadata["labels"].is_object()) {
        metadata["labels"] = Json::object();
    }
    metadata["labels"]["kind"] = kind.empty() ? "job" : kind;
    task["kind"] = "run";
    const std::string now = util::format_iso(util::now_micros());
    task["status"] = {{"state", "pending"}, {"last_update", now}};
    model::Run run;
    try {
        run = model::run_from_json(task);
    } catch (const Error& error) {
        throw mlrun_error(400, "MLRunInvalidArgumentError", error.what());
    }
    call.db.store_run(run);
    call.server.submit_job(function_job(project, uid, task, function));
    return json_response(200, {{"data", model::to_json(run)}});
}

}  // namespace mlrun::server::detail

namespace mlrun::server::detail {

HttpResponse submit_workflow(Call& call)
{
    const std::string& project_name = call.params[0];
    const std::string& name = call.params[1];
    Json request = call.json_body(true);
    if (!request.is_object()) {
        throw validation_error(Json::array({"body"}), "value is not a valid dict",
                               "type_error.dict");
    }
    const auto project = call.db.find_project(project_name);
    if (!project) {
        throw mlrun_error(404, "MLRunNotFoundError",
                          "Project not found: name=" + project_name + ", project_id=None");
    }
    if (!call.server.submit_job) {
        throw mlrun_error(400, "MLRunBadRequestError", "this server runs no workflows");
    }
    const Json spec = request.value("spec", Json::object());
    if (spec.is_object() && spec.value("schedule", Json()).is_string() &&
        !spec["schedule"].get<std::string>().empty()) {
        throw mlrun_error(400, "MLRunBadRequestError",
                          "schedules are not run by `mlrun serve` (run the workflow now, or "
                          "from cron with `mlrun project -r`)");
    }
    bool known = false;
    for (const auto& workflow : project->spec.workflows) {
        known = known || workflow.name == name;
    }
    if (!known) {
        throw reason_error(400, "Workflow " + name + " not found in project");
    }
    std::string source = request.value("source", Json("")).is_string()
                             ? request.value("source", std::string{})
                             : std::string{};
    if (source.empty()) {
        source = project->spec.source;
    }
    if (source.empty()) {
        throw mlrun_error(400, "MLRunInvalidArgumentError",
                          "project " + project_name +
                              " has no source to load the workflow from: set spec.source (a "
                              "git URL, an archive or a folder of this machine)");
    }
    const std::string uid = launcher::new_uid();
    model::Run runner;
    runner.kind = "run";
    runner.metadata.uid = uid;
    runner.metadata.project = project_name;
    runner.metadata.name = "workflow-runner-" + name;
    runner.metadata.labels = {{"job-type", "workflow-runner"}, {"workflow", name}, {"kind", "job"}};
    runner.spec.parameters = {{"workflow_name", name},
                              {"workflow_arguments", request.value("arguments", Json::object())},
                              {"engine", "local"}};
    runner.spec.output_path = request.value("artifact_path", Json("")).is_string()
                                  ? request.value("artifact_path", std::string{})
                                  : std::string{};
    runner.status.state = model::RunState::pending;
    runner.status.last_update = util::format_iso(util::now_micros());
    call.db.store_run(runner);
    call.server.submit_job(workflow_job(project_name, uid, name, source,
                                        request.value("arguments", Json::object()),
                                        runner.spec.output_path));
    return json_response(202, {{"project", project_name},
                               {"name", name},
                               {"status", "Running"},
                               {"run_id", uid},
                               {"schedule", nullptr}});
}

}  // namespace mlrun::server::detail
