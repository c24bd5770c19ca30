// The server's defaults from client-spec.

#include "lib/config/client_spec.hpp"

#include <string_view>

namespace mlrun::config {
namespace {

enum class Rule
{
    fill,    // the local value wins when set; the server's fills an empty one
    server,  // the server's value wins when it sends one
};

struct Mapping
{
    std::string_view field;  // in the client-spec answer
    std::string_view key;    // the dotted configuration key
    Rule rule;
};

// source: config.md §5 and rest-api.md §3.1 (mlrun/db/httpdb.py `connect`).
constexpr Mapping mappings[] = {
    {"namespace", "namespace", Rule::fill},
    {"ce", "ce", Rule::fill},
    {"remote_host", "remote_host", Rule::fill},
    {"mpijob_crd_version", "mpijob_crd_version", Rule::fill},
    {"ui_url", "ui.url", Rule::fill},
    {"artifact_path", "artifact_path", Rule::fill},
    {"spark_app_image", "spark_app_image", Rule::fill},
    {"spark_app_image_tag", "spark_app_image_tag", Rule::fill},
    {"spark_history_server_path", "spark_history_server_path", Rule::fill},
    {"docker_registry", "httpdb.builder.docker_registry", Rule::fill},
    {"api_url", "httpdb.api_url", Rule::fill},
    {"nuclio_version", "nuclio_version", Rule::fill},
    {"default_function_priority_class_name", "default_function_priority_class_name", Rule::fill},
    {"valid_function_priority_class_names", "valid_function_priority_class_names", Rule::fill},
    {"calculate_artifact_hash", "artifacts.calculate_hash", Rule::fill},
    {"generate_artifact_target_path_from_artifact_hash",
     "artifacts.generate_target_path_from_artifact_hash", Rule::fill},
    {"redis_url", "redis.url", Rule::fill},
    {"redis_type", "redis.type", Rule::fill},
    {"sql_url", "sql.url", Rule::fill},
    {"ui_projects_prefix", "ui.projects_prefix", Rule::server},
    {"kfp_image", "kfp_image", Rule::server},
    {"kfp_url", "kfp_url", Rule::server},
    {"dask_kfp_image", "dask_kfp_image", Rule::server},
    {"scrape_metrics", "scrape_metrics", Rule::server},
    {"default_function_node_selector", "default_function_node_selector", Rule::server},
    {"igz_version", "igz_version", Rule::server},
    {"auto_mount_type", "storage.auto_mount_type", Rule::server},
    {"auto_mount_params", "storage.auto_mount_params", Rule::server},
    {"spark_operator_version", "spark_operator_version", Rule::server},
    {"default_tensorboard_logs_path", "default_tensorboard_logs_path", Rule::server},
    {"default_function_pod_resources", "default_function_pod_resources", Rule::server},
    {"default_preemption_mode", "function_defaults.preemption_mode", Rule::server},
    {"preemptible_nodes_node_selector", "preemptible_nodes.node_selector", Rule::server},
    {"preemptible_nodes_tolerations", "preemptible_nodes.tolerations", Rule::server},
    {"force_run_local", "force_run_local", Rule::server},
    {"function", "function", Rule::server},
    {"logs", "httpdb.logs", Rule::server},
    {"external_platform_tracking", "external_platform_tracking", Rule::server},
    {"packagers", "packagers", Rule::server},
    {"feature_store_data_prefixes", "feature_store.data_prefixes", Rule::server},
    {"feature_store_default_targets", "feature_store.default_targets", Rule::server},
    {"alerts_mode", "alerts.mode", Rule::server},
};

bool is_empty(const Json& value)
{
    return value.is_null() || (value.is_string() && value.get_ref<const std::string&>().empty()) ||
           (value.is_object() && value.empty());
}

// A mapping from the server is merged into the local one key by key (MLRun updates the
// section); anything else replaces the value.
void merge(Json& target, const Json& value)
{
    if (target.is_object() && value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (!it->is_null()) {
                merge(target[it.key()], *it);
            }
        }
        return;
    }
    target = value;
}

}  // namespace

Config with_client_spec(const Config& local, const Json& client_spec, const std::string& url)
{
    if (!client_spec.is_object()) {
        return local;
    }
    Config merged = local;
    const auto origin = "server client-spec (" + url + ")";
    for (const auto& mapping : mappings) {
        const auto found = client_spec.find(std::string{mapping.field});
        if (found == client_spec.end() || is_empty(*found)) {
            continue;
        }
        const auto* current = local.find(mapping.key);
        if (mapping.rule == Rule::fill && current != nullptr && !is_empty(*current)) {
            continue;
        }
        Json value = current != nullptr ? *current : Json{};
        merge(value, *found);
        merged.set(mapping.key, std::move(value), origin);
    }
    return merged;
}

}  // namespace mlrun::config
