// What only an MLRun API server does, beside the store both backends are: run jobs and workflows
// on its cluster, build images, deploy Nuclio functions, read storage URLs, tell its defaults.
// The local store has none of it (RunDB::api() is null); commands say so with their own words.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "lib/json.hpp"
#include "lib/model/function.hpp"
#include "lib/model/run.hpp"

namespace mlrun::store {

// What submitting a job answers: the run as the server created it, or, for a schedule, the
// schedule's description.
struct SubmitResult
{
    std::optional<model::Run> run;
    Json schedule = nullptr;
};

// Building a function's image on the API's builder (POST build/function).
struct BuildRequest
{
    bool with_mlrun = false;
    bool skip_deployed = false;
    bool force_build = false;
};

struct BuildAnswer
{
    model::Function function;  // as the server enriched it (image, build pod, state)
    bool ready = false;        // nothing to build, or already built
};

// One look at a build or a Nuclio deployment in progress (GET build/status, GET
// projects/{p}/nuclio/{name}/deploy).
struct DeployProgress
{
    std::string state;  // x-mlrun-function-status: pending, running, ready, error... ("" if absent)
    std::string text;   // log text (or pod events) since the offset / timestamp given
    bool events = false;  // build: the text is pod events (advance the events offset)
    std::string image;    // the function's image
    std::string pod;      // build: the builder pod
    std::string address;  // nuclio: x-mlrun-address
    std::string nuclio_name;
    double last_timestamp = 0;  // nuclio: x-mlrun-last-timestamp, for the next call
};

class ApiService
{
public:
    virtual ~ApiService() = default;

    // `task` runs `function` on the server's cluster (POST submit_job), now or on the cron
    // `schedule`.
    virtual SubmitResult submit_job(const model::Run& task, const model::Function& function,
                                    const std::string& schedule) = 0;

    // Runs the project's workflow `name` on the API's workflow runner (POST
    // projects/{p}/workflows/{name}/submit with a WorkflowRequest); the answer carries the
    // runner's run id (`run_id`), or the schedule.
    virtual Json submit_workflow(const std::string& project, const std::string& name,
                                 const Json& request) = 0;

    // Builds and deployments.
    virtual BuildAnswer build_function(const model::Function& function,
                                       const BuildRequest& request) = 0;
    virtual DeployProgress build_status(const model::Function& function, std::size_t offset,
                                        std::size_t events_offset) = 0;
    virtual model::Function deploy_nuclio(const model::Function& function) = 0;
    virtual DeployProgress deploy_status(const model::Function& function,
                                         double last_timestamp) = 0;

    // The bytes at a storage URL (s3://, v3io://...) read through the API's files endpoint.
    virtual std::string read_data(const std::string& project, const std::string& url) = 0;

    // The server's defaults for clients (GET client-spec: artifact path, registry...).
    virtual Json client_spec() = 0;
};

class RunDB;

// The MLRun API behind `db`; without one, Error(failed): "<what> needs an MLRun API server (not
// configured)", with `hint`.
ApiService& require_api(RunDB& db, const std::string& what, const std::string& hint);

}  // namespace mlrun::store
