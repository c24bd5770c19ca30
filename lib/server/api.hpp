// MLRun 1.7's REST API (/api/v1, /api/v2) served from a RunDB (the embedded SQLite store):
// routing, authentication, MLRun's status codes and error bodies. Transport-free: it maps an
// HttpRequest to an HttpResponse, so tests call it directly and HttpServer carries it.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "lib/server/http_server.hpp"
#include "lib/server/job_runner.hpp"
#include "lib/store/run_db.hpp"

namespace mlrun::server {

struct ApiOptions
{
    std::string token = {};          // empty: no authentication
    std::string artifact_path = {};  // the default artifact path client-spec gives clients
    std::size_t connections = 4;     // store connections kept for the worker threads
};

// Opens one connection to the store; called as the worker threads need them.
using OpenStore = std::function<std::unique_ptr<store::RunDB>()>;

class Api
{
public:
    Api(ApiOptions options, OpenStore open_store);
    ~Api();
    Api(const Api&) = delete;
    Api& operator=(const Api&) = delete;

    // Thread-safe.
    HttpResponse handle(const HttpRequest& request);

    // Where submitted jobs go (POST submit_job); without it, submit_job answers 400.
    void set_job_submitter(std::function<void(JobRequest job)> submit);
    // Called when a run is aborted, to stop the job running it (when this server runs jobs).
    void
    set_job_aborter(std::function<void(const std::string& project, const std::string& uid)> abort);

    // The endpoint groups served, for `--help` and the README.
    static std::vector<std::string> endpoint_groups();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// The version this server reports (x-mlrun-be-version, healthz, client-spec): MLRun's.
std::string served_mlrun_version();

}  // namespace mlrun::server
