// Health, the client and front-end specs, background tasks, schedules, secrets' names, paging,
// and the answer for what this server does not do.

#include "lib/server/routes.hpp"
#include "lib/version.hpp"

namespace mlrun::server::detail {

HttpResponse healthz(Call&)
{
    return json_response(200, {{"version", served_mlrun_version()}, {"status", "ok"}});
}

HttpResponse client_spec(Call& call)
{
    const std::string version = served_mlrun_version();
    // Every field MLRun's server sends, null where it keeps the client's default.
    Json spec = {{"version", version},
                 {"namespace", ""},
                 {"docker_registry", ""},
                 {"remote_host", ""},
                 {"mpijob_crd_version", "v1alpha1"},
                 {"ui_url", ""},
                 {"artifact_path", call.server.options.artifact_path},
                 {"feature_store_data_prefixes", nullptr},
                 {"feature_store_default_targets", nullptr},
                 {"spark_app_image", ""},
                 {"spark_app_image_tag", ""},
                 {"spark_history_server_path", ""},
                 {"spark_operator_version", "spark-3"},
                 {"kfp_image", "mlrun/mlrun:" + version},
                 {"kfp_url", ""},
                 {"dask_kfp_image", "mlrun/ml-base:" + version},
                 {"api_url", ""},
                 {"nuclio_version", ""},
                 {"ui_projects_prefix", nullptr},
                 {"scrape_metrics", nullptr},
                 {"default_function_node_selector", nullptr},
                 {"igz_version", nullptr},
                 {"auto_mount_type", nullptr},
                 {"auto_mount_params", nullptr},
                 {"default_function_priority_class_name", nullptr},
                 {"valid_function_priority_class_names", nullptr},
                 {"default_tensorboard_logs_path", nullptr},
                 {"default_function_pod_resources", nullptr},
                 {"preemptible_nodes_node_selector", nullptr},
                 {"preemptible_nodes_tolerations", nullptr},
                 {"default_preemption_mode", nullptr},
                 {"force_run_local", nullptr},
                 {"function", nullptr},
                 {"redis_url", ""},
                 {"redis_type", "standalone"},
                 {"sql_url", ""},
                 {"model_endpoint_monitoring_endpoint_store_connection", nullptr},
                 {"model_monitoring_tsdb_connection", nullptr},
                 {"ce", {{"mode", ""}, {"release", ""}}},
                 {"calculate_artifact_hash", "True"},
                 {"generate_artifact_target_path_from_artifact_hash", nullptr},
                 {"logs", nullptr},
                 {"packagers", nullptr},
                 {"external_platform_tracking", nullptr},
                 {"alerts_mode", nullptr}};
    return json_response(200, spec);
}

HttpResponse frontend_spec(Call&)
{
    return json_response(
        200, {{"jobs_dashboard_url", nullptr},
              {"model_monitoring_dashboard_url", nullptr},
              {"abortable_function_kinds", {"job", "local", "handler", ""}},
              {"feature_flags",
               {{"project_membership", "disabled"},
                {"authentication", "none"},
                {"nuclio_streams", "disabled"},
                {"preemption_nodes", "disabled"}}},
              {"default_function_priority_class_name", ""},
              {"valid_function_priority_class_names", Json::array()},
              {"default_function_image_by_kind", Json::object()},
              {"function_deployment_target_image_template", nullptr},
              {"function_deployment_target_image_name_prefix_template", ""},
              {"function_deployment_target_image_registries_to_enforce_prefix", Json::array()},
              {"function_deployment_mlrun_requirement", ""},
              {"auto_mount_type", ""},
              {"auto_mount_params", Json::object()},
              {"default_artifact_path", nullptr},
              {"default_function_pod_resources", Json::object()},
              {"default_function_preemption_mode", ""},
              {"feature_store_data_prefixes", Json::object()},
              {"allowed_artifact_path_prefixes_list", Json::array()},
              {"ce", nullptr},
              {"internal_labels", Json::array()}});
}

HttpResponse get_task(Call& call)
{
    return json_response(200, call.server.read_task(call.params[0], nullptr));
}

HttpResponse get_project_task(Call& call)
{
    return json_response(200, call.server.read_task(call.params[1], &call.params[0]));
}

HttpResponse list_project_tasks(Call& call)
{
    Json tasks = Json::array();
    const std::lock_guard guard(call.server.lock);
    for (const auto& [name, task] : call.server.tasks) {
        if (task.project == call.params[0] && task.body["status"]["state"] == "running") {
            tasks.push_back(task.body);
        }
    }
    return json_response(200, {{"background_tasks", tasks}});
}

namespace {

Json schedule_view(const store::Schedule& schedule)
{
    Json view = schedule.body.is_object() ? schedule.body : Json::object();
    view["name"] = schedule.name;
    view["project"] = schedule.project;
    view["kind"] = schedule.kind;
    view["cron_trigger"] = schedule.cron;
    return view;
}

}  // namespace

HttpResponse list_schedules(Call& call)
{
    const std::string name = call.query_or("name", "");
    const std::string kind = call.query_or("kind", "");
    Json schedules = Json::array();
    for (const auto& schedule : call.db.list_schedules(call.params[0])) {
        if ((name.empty() || schedule.name == name) && (kind.empty() || schedule.kind == kind)) {
            schedules.push_back(schedule_view(schedule));
        }
    }
    return json_response(200, {{"schedules", schedules}});
}

HttpResponse get_schedule(Call& call)
{
    for (const auto& schedule : call.db.list_schedules(call.params[0])) {
        if (schedule.name == call.params[1]) {
            return json_response(200, schedule_view(schedule));
        }
    }
    throw mlrun_error(404, "MLRunNotFoundError",
                      "Schedule not found: project=" + call.params[0] + ", name=" + call.params[1]);
}

HttpResponse delete_schedule(Call& call)
{
    call.db.delete_schedule(call.params[0], call.params[1]);
    return empty_response(204);
}

HttpResponse list_secret_keys(Call& call)
{
    // This server keeps no project secrets: there are no keys to list.
    return json_response(200, {{"provider", call.query_or("provider", "kubernetes")},
                               {"secret_keys", Json::array()}});
}

HttpResponse unsupported(Call& call)
{
    throw mlrun_error(400, "MLRunBadRequestError",
                      call.request.method + " " + call.request.path +
                          " is not supported by `mlrun serve` (a local MLRun API without "
                          "Kubernetes: no builds, deployments, schedulers or model monitoring)");
}

Page open_page(Call& call)
{
    Page page;
    if (const std::string* token = call.query_value("page-token")) {
        PageCursor cursor;
        {
            const std::lock_guard guard(call.server.lock);
            const auto found = call.server.pages.find(*token);
            if (found == call.server.pages.end()) {
                throw mlrun_error(404, "MLRunPaginationEndOfResultsError",
                                  "Token " + *token + " not found in pagination cache");
            }
            cursor = found->second;
            call.server.pages.erase(found);
        }
        call.query = cursor.query;  // the listing's own filters
        return {cursor.start, cursor.size, cursor.page};
    }
    if (call.has_query("page-size") || call.has_query("page")) {
        const auto size = query_integer(call, "page-size", 20);
        const auto number = query_integer(call, "page", 1);
        if (size <= 0 || number <= 0) {
            throw validation_error(Json::array({"query", size <= 0 ? "page-size" : "page"}),
                                   "ensure this value is greater than 0",
                                   "value_error.number.not_gt");
        }
        page.size = static_cast<std::size_t>(size);
        page.page = static_cast<std::size_t>(number);
        page.start = (page.page - 1) * page.size;
    }
    return page;
}

ListingWriter::ListingWriter(const char* key, const Page& page) : m_page(page)
{
    m_body = "{\"" + std::string{key} + "\": [";
}

void ListingWriter::add(const Json& item)
{
    if (m_count++ != 0) {
        m_body += ", ";
    }
    m_body += item.dump(-1, ' ', false, Json::error_handler_t::replace);
}

HttpResponse ListingWriter::finish(Call& call)
{
    Json pagination = {{"page", nullptr}, {"page-size", nullptr}, {"page-token", nullptr}};
    if (m_page.size != 0) {
        Json token = nullptr;
        if (m_count == m_page.size) {
            token = random_hex(64);
            Fields query;
            for (const auto& field : call.query) {
                if (field.first != "page" && field.first != "page-size" &&
                    field.first != "page-token") {
                    query.push_back(field);
                }
            }
            const std::lock_guard guard(call.server.lock);
            if (call.server.pages.size() > 10'000) {
                call.server.pages.erase(call.server.pages.begin());  // bounded memory
            }
            call.server.pages[token.get<std::string>()] = {query, m_page.start + m_page.size,
                                                           m_page.size, m_page.page + 1};
        }
        pagination = {{"page", m_page.page}, {"page-size", m_page.size}, {"page-token", token}};
    }
    m_body += "], \"pagination\": " + pagination.dump() + "}";
    return {200, {{"content-type", "application/json"}}, std::move(m_body)};
}

}  // namespace mlrun::server::detail
