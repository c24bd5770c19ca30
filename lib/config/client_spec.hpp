// The server's defaults: what MLRun's client takes from `GET /api/v1/client-spec` when it
// connects to an API (config.md §5, rest-api.md §3.1).
#pragma once

#include "lib/config/config.hpp"

namespace mlrun::config {

// `local` with the server's defaults from `client_spec` applied as MLRun's client applies them:
// for most keys (the artifact path, namespace, docker registry, UI URL...) the server's value
// only fills a local value that is empty; for the others (kfp image, node selector, log polling,
// feature-store targets...) a value the server sends wins. A null or empty value from the server
// changes nothing. Changed keys get the origin "server client-spec (URL)".
Config with_client_spec(const Config& local, const Json& client_spec, const std::string& url);

}  // namespace mlrun::config
