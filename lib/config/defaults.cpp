// The built-in configuration tree: the keys of MLRun 1.7's `mlrun.config` that a client honours,
// with MLRun's default values (../shared/spec/config.md §7).

#include "lib/config/config.hpp"

namespace mlrun::config {

Json default_tree()
{
    static const Json tree = Json::parse(R"({
  "dbpath": "",
  "default_project": "default",
  "artifact_path": "",
  "log_level": "INFO",
  "log_formatter": "human",
  "api_base_version": "v1",
  "namespace": "",
  "kfp_url": "",
  "kfp_ttl": "14400",
  "kfp_image": "mlrun/mlrun",
  "force_run_local": "auto",
  "run": {"cache": false},
  "mock_nuclio_deployment": "",
  "default_base_image": "mlrun/mlrun",
  "default_archive": "",
  "default_function_node_selector": {},
  "images_tag": "",
  "images_registry": "",
  "vendor_images_registry": "",
  "images_to_enrich_registry": "^mlrun/*,python:3.9",
  "scrape_metrics": true,
  "enrich_artifact_path_with_workflow_id": true,
  "remote_host": "",
  "ui_url": "",
  "ui": {"url": "", "projects_prefix": "projects"},
  "function_defaults": {
    "image_by_kind": {
      "job": "mlrun/mlrun",
      "serving": "mlrun/mlrun",
      "nuclio": "mlrun/mlrun",
      "remote": "mlrun/mlrun",
      "dask": "mlrun/ml-base",
      "mpijob": "mlrun/mlrun",
      "application": "python:3.9"
    }
  },
  "function": {
    "spec": {
      "state_thresholds": {
        "default": {
          "pending_scheduled": "1h",
          "pending_not_scheduled": "-1",
          "image_pull_backoff": "1h",
          "executing": "24h"
        }
      }
    }
  },
  "artifacts": {
    "calculate_hash": true,
    "generate_target_path_from_artifact_hash": null
  },
  "httpdb": {
    "user": "",
    "password": "",
    "token": "",
    "api_url": "",
    "http": {"verify": true},
    "nop_db": {"raise_error": false, "verbose": true},
    "logs": {
      "pull_logs_default_interval": 3,
      "pull_logs_backoff_no_logs_default_interval": 10,
      "pull_logs_default_size_limit": 1048576,
      "decode": {"errors": "replace"}
    },
    "pagination": {"default_page_size": 20},
    "retry_api_call_on_exception": "enabled",
    "builder": {"docker_registry": ""}
  },
  "http_retry_defaults": {
    "max_retries": 3,
    "backoff_factor": 1,
    "status_codes": [500, 502, 503, 504],
    "deadline": 60
  },
  "hub": {
    "default_source": {
      "url": "https://mlrun.github.io/marketplace",
      "object_type": "functions",
      "channel": "master"
    }
  },
  "packagers": {"enabled": true, "pack_tuples": false},
  "auth_with_client_id": {"enabled": false, "request_timeout": 5},
  "storage": {"item_to_real_path": ""},
  "secret_stores": {"kubernetes": {"env_variable_prefix": "MLRUN_K8S_SECRET__"}},
  "ce": {"mode": ""}
})");
    return tree;
}

}  // namespace mlrun::config
