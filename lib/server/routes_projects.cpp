// /api/v1/projects, /api/v2/projects/{name}: projects as MLRun's API keeps them.

#include "lib/model/project.hpp"
#include "lib/server/routes.hpp"
#include "lib/util/time.hpp"

namespace mlrun::server::detail {

namespace {

// MLRun's project schema: its keys in its order, defaults where the body has none; keys it
// does not know are kept after them.
Json project_view(const Json& stored, bool minimal = false)
{
    const Json metadata_in = stored.value("metadata", Json::object());
    const Json spec_in = stored.value("spec", Json::object());
    Json metadata = {{"name", metadata_in.value("name", "")},
                     {"created", metadata_in.value("created", Json(nullptr))},
                     {"labels", metadata_in.value("labels", Json::object())},
                     {"annotations", metadata_in.value("annotations", Json::object())}};
    for (const auto& [key, value] : metadata_in.items()) {
        if (!metadata.contains(key)) {
            metadata[key] = value;
        }
    }
    static const std::pair<const char*, Json> spec_keys[] = {
        {"description", nullptr},
        {"owner", nullptr},
        {"goals", nullptr},
        {"params", Json::object()},
        {"functions", Json::array()},
        {"workflows", Json::array()},
        {"artifacts", Json::array()},
        {"artifact_path", nullptr},
        {"conda", nullptr},
        {"source", nullptr},
        {"subpath", nullptr},
        {"origin_url", nullptr},
        {"desired_state", "online"},
        {"custom_packagers", nullptr},
        {"default_image", nullptr},
        {"build", nullptr},
        {"default_function_node_selector", Json::object()},
    };
    Json spec = Json::object();
    for (const auto& [key, fallback] : spec_keys) {
        const auto found = spec_in.find(key);
        spec[key] = found != spec_in.end() ? *found : fallback;
    }
    for (const auto& [key, value] : spec_in.items()) {
        if (!spec.contains(key)) {
            spec[key] = value;
        }
    }
    if (minimal) {
        for (const char* key : {"functions", "workflows", "artifacts"}) {
            spec[key] = nullptr;
        }
    }
    Json status = stored.value("status", Json::object());
    if (!status.is_object()) {
        status = Json::object();
    }
    status["state"] = spec["desired_state"].is_string() ? spec["desired_state"] : Json("online");
    return {{"kind", "project"}, {"metadata", metadata}, {"spec", spec}, {"status", status}};
}

// The body of a create or store, checked as MLRun checks it.
Json checked_project_body(const Call& call, const std::string* path_name)
{
    Json body = call.json_body(true);
    if (!body.is_object()) {
        throw validation_error(Json::array({"body"}), "value is not a valid dict",
                               "type_error.dict");
    }
    for (const char* section : {"metadata", "spec", "status"}) {
        if (body.contains(section) && !body[section].is_object()) {
            throw validation_error(Json::array({"body", section}), "value is not a valid dict",
                                   "type_error.dict");
        }
    }
    if (!body.contains("metadata") || !body["metadata"].contains("name")) {
        throw validation_error(Json::array({"body", "metadata", "name"}), "field required",
                               "value_error.missing");
    }
    if (!body["metadata"]["name"].is_string()) {
        throw validation_error(Json::array({"body", "metadata", "name"}), "str type expected",
                               "type_error.str");
    }
    const std::string name = body["metadata"]["name"].get<std::string>();
    if (path_name != nullptr && name != *path_name) {
        throw mlrun_error(409, "MLRunConflictError",
                          "Conflict between name in body and name in path");
    }
    if (!valid_project_name(name)) {
        throw mlrun_error(400, "MLRunInvalidArgumentError",
                          "Field 'project.metadata.name' is malformed. '" + name +
                              "' does not match required pattern: ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    }
    return body;
}

model::Project to_model(const Json& body)
{
    try {
        return model::project_from_json(body);
    } catch (const Error& error) {
        throw mlrun_error(400, "MLRunInvalidArgumentError", error.what());
    }
}

Json stored_view(const model::Project& project, bool minimal = false)
{
    return project_view(model::to_json(project), minimal);
}

// What the project still holds, in the order MLRun's restricted check looks.
std::vector<std::string> project_resources(store::RunDB& db, const std::string& project)
{
    std::vector<std::string> found;
    store::ArtifactFilter artifacts;
    artifacts.project = project;
    artifacts.limit = 1;
    artifacts.summary = true;
    artifacts.links = true;
    if (!db.list_artifacts(artifacts).empty()) {
        found.emplace_back("artifacts");
    }
    store::RunFilter runs;
    runs.project = project;
    runs.all_iterations = true;
    runs.limit = 1;
    runs.summary = true;
    if (!db.list_runs(runs).empty()) {
        found.emplace_back("runs");
    }
    if (!db.list_schedules(project).empty()) {
        found.emplace_back("schedules");
    }
    store::FunctionFilter functions;
    functions.project = project;
    functions.limit = 1;
    if (!db.list_functions(functions).empty()) {
        found.emplace_back("functions");
    }
    return found;
}

store::DeletionStrategy deletion_strategy(const Call& call, bool* check_only)
{
    const std::string* header = call.request.header("x-mlrun-deletion-strategy");
    const std::string text = header != nullptr ? *header : "restricted";
    *check_only = text == "check";
    if (text == "restricted" || text == "restrict" || text == "check") {
        return store::DeletionStrategy::restricted;
    }
    if (text == "cascading" || text == "cascade") {
        return store::DeletionStrategy::cascading;
    }
    throw enum_error(Json::array({"header", "x-mlrun-deletion-strategy"}),
                     {"restrict", "restricted", "cascade", "cascading", "check"});
}

// Deletes as the strategy says; false when there was nothing to delete.
bool delete_project(Call& call, const std::string& name)
{
    bool check_only = false;
    const auto strategy = deletion_strategy(call, &check_only);
    if (!call.db.find_project(name)) {
        return false;
    }
    if (strategy == store::DeletionStrategy::restricted) {
        const auto found = project_resources(call.db, name);
        if (!found.empty()) {
            throw mlrun_error(
                412, "MLRunPreconditionFailedError",
                "Project " + name +
                    " can not be deleted since related resources found: " + found.front());
        }
        if (check_only) {
            return false;  // may be deleted; nothing was
        }
    }
    try {
        // The store checks again in its own transaction: a run stored since is not lost.
        call.db.delete_project(name, strategy);
    } catch (const Error& error) {
        if (error.kind() == ErrorKind::not_found) {
            return false;
        }
        throw mlrun_error(412, "MLRunPreconditionFailedError", error.what());
    }
    return true;
}

}  // namespace

HttpResponse create_project(Call& call)
{
    Json body = checked_project_body(call, nullptr);
    const std::string name = body["metadata"]["name"].get<std::string>();
    if (call.db.find_project(name)) {
        throw mlrun_error(409, "MLRunConflictError",
                          "Conflict - at least one of the objects already exists: " + name + "," +
                              name);
    }
    body["metadata"]["created"] = now_text();
    auto project = to_model(body);
    call.db.store_project(project);
    return json_response(201, stored_view(project));
}

HttpResponse store_project(Call& call)
{
    const std::string& name = call.params[0];
    Json body = checked_project_body(call, &name);
    const auto existing = call.db.find_project(name);
    body["metadata"]["created"] =
        existing && !existing->metadata.created.empty() ? existing->metadata.created : now_text();
    auto project = to_model(body);
    call.db.store_project(project);
    return json_response(200, stored_view(project));
}

HttpResponse patch_project(Call& call)
{
    const std::string& name = call.params[0];
    Json patch = call.json_body(true);
    if (!patch.is_object()) {
        throw validation_error(Json::array({"body"}), "value is not a valid dict",
                               "type_error.dict");
    }
    const auto existing = call.db.find_project(name);
    if (!existing) {
        throw mlrun_error(404, "MLRunNotFoundError",
                          "Project not found: name=" + name + ", project_id=None");
    }
    Json merged = model::to_json(*existing);
    merged.merge_patch(patch);
    merged["metadata"]["name"] = name;
    auto project = to_model(merged);
    call.db.store_project(project);
    return json_response(200, stored_view(project));
}

HttpResponse get_project(Call& call)
{
    const std::string& name = call.params[0];
    const auto project = call.db.find_project(name);
    if (!project) {
        throw mlrun_error(404, "MLRunNotFoundError",
                          "Project not found: name=" + name + ", project_id=None");
    }
    return json_response(200, stored_view(*project));
}

HttpResponse list_projects(Call& call)
{
    const std::string format = call.query_or("format", "full");
    if (format != "full" && format != "name_only" && format != "minimal" && format != "leader") {
        throw enum_error(Json::array({"query", "format"}),
                         {"full", "name_only", "minimal", "leader"});
    }
    const auto labels = call.query_all("label");
    const std::string owner = call.query_or("owner", "");
    const std::string state = call.query_or("state", "");
    Json projects = Json::array();
    for (const auto& project : call.db.list_projects()) {
        const Json view = stored_view(project, format == "minimal");
        if (!labels_match(view["metadata"]["labels"], labels) ||
            (!owner.empty() && view["spec"]["owner"] != owner) ||
            (!state.empty() && view["status"]["state"] != state)) {
            continue;
        }
        if (format == "name_only") {
            projects.push_back(project.metadata.name);
        } else {
            projects.push_back(view);
        }
    }
    return json_response(200, {{"projects", projects}});
}

HttpResponse project_summary(Call& call)
{
    const std::string& name = call.params[0];
    const auto project = call.db.find_project(name);
    if (!project) {
        throw mlrun_error(404, "MLRunNotFoundError",
                          "Project not found: name=" + name + ", project_id=None");
    }
    // MLRun's counters, from the store: recent means the last 24 hours.
    const auto since = util::now_micros() - 24LL * 3600 * 1'000'000;
    std::size_t completed = 0;
    std::size_t failed = 0;
    std::size_t running = 0;
    store::RunFilter runs;
    runs.project = name;
    runs.summary = true;
    call.db.for_each_run(runs, [&](const model::Run& run) {
        const auto started = util::parse_iso(run.status.start_time);
        const bool recent = started && *started >= since;
        switch (run.status.state) {
        case model::RunState::completed: completed += recent ? 1 : 0; break;
        case model::RunState::error: failed += recent ? 1 : 0; break;
        case model::RunState::running:
        case model::RunState::pending: ++running; break;
        default: break;
        }
    });
    std::size_t files = 0;
    std::size_t models = 0;
    store::ArtifactFilter artifacts;
    artifacts.project = name;
    artifacts.tag = "latest";
    artifacts.summary = true;
    call.db.for_each_artifact(artifacts, [&](const model::Artifact& artifact) {
        if (artifact.kind == "model") {
            ++models;
        } else if (artifact.kind != "dataset") {
            ++files;
        }
    });
    return json_response(200, {{"name", name},
                               {"files_count", files},
                               {"feature_sets_count", 0},
                               {"models_count", models},
                               {"runs_completed_recent_count", completed},
                               {"runs_failed_recent_count", failed},
                               {"runs_running_count", running},
                               {"distinct_schedules_count", call.db.list_schedules(name).size()},
                               {"distinct_scheduled_jobs_pending_count", 0},
                               {"distinct_scheduled_pipelines_pending_count", 0},
                               {"pipelines_completed_recent_count", nullptr},
                               {"pipelines_failed_recent_count", nullptr},
                               {"pipelines_running_count", nullptr},
                               {"updated", now_text()}});
}

HttpResponse delete_project_v1(Call& call)
{
    delete_project(call, call.params[0]);
    return empty_response(204);
}

HttpResponse delete_project_v2(Call& call)
{
    const std::string& name = call.params[0];
    if (!delete_project(call, name)) {
        return empty_response(204);
    }
    return json_response(202, call.server.finish_task("project.deletion." + name, name, true));
}

}  // namespace mlrun::server::detail
