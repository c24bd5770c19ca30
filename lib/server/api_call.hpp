// What an endpoint handler gets and the helpers they share: the request, the path's captures,
// a store connection, the server's state; MLRun's error bodies. Internal to lib/server.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/json.hpp"
#include "lib/server/api.hpp"
#include "lib/server/http_server.hpp"
#include "lib/server/job_runner.hpp"
#include "lib/store/run_db.hpp"

namespace mlrun::server::detail {

// An answer other than 2xx: `detail` is what MLRun puts in {"detail": ...}.
struct ApiError
{
    int status;
    Json detail;
    Fields headers = {};
};

// MLRun's errors: {"detail": "MLRunNotFoundError('...')"} (the Python repr of the exception).
ApiError mlrun_error(int status, std::string_view error_class, std::string_view message);
// FastAPI's validation errors: {"detail": [{"loc": [...], "msg": ..., "type": ...}]}.
ApiError validation_error(Json location, std::string_view message, std::string_view type);
// A 422 for a value outside an enumeration, as pydantic words it for MLRun: the permitted
// values quoted in the message and listed in ctx.enum_values.
ApiError enum_error(Json location, const std::vector<std::string>& permitted);
// MLRun's {"detail": {"reason": "..."}}.
ApiError reason_error(int status, std::string_view reason);

std::string python_repr(std::string_view text);

struct BackgroundTask
{
    Json body;
    std::string project;
};

// A listing's later pages: the request's query without paging, and where the next page starts.
struct PageCursor
{
    Fields query;
    std::size_t start = 0;
    std::size_t size = 0;
    std::size_t page = 0;
};

// What the server keeps in memory, shared by the workers.
struct ServerState
{
    ApiOptions options;
    std::mutex lock;
    std::map<std::string, BackgroundTask> tasks;
    std::map<std::string, PageCursor> pages;
    // Runs a submitted job on this machine; unset when this server runs none.
    std::function<void(JobRequest job)> submit_job;
    // Stops the process of a job this server runs (abort); unset when it runs none.
    std::function<void(const std::string& project, const std::string& uid)> abort_job;

    // Records a finished background task (the work was done synchronously; `kind` as MLRun
    // names it, or empty) and returns it as MLRun answers the request that started it.
    Json finish_task(const std::string& kind, const std::string& project, bool succeeded,
                     const std::string& error = {}, int timeout = 900);
    // A task by name (404 unless it exists, and when `project` is given, belongs to it).
    Json read_task(const std::string& name, const std::string* project);
};

struct Call
{
    const HttpRequest& request;
    std::vector<std::string> params;  // the path's captures, in order
    store::RunDB& db;
    ServerState& server;
    Fields query;  // the request's, or a page cursor's

    const std::string* query_value(std::string_view name) const;
    std::string query_or(std::string_view name, std::string fallback) const;
    std::vector<std::string> query_all(std::string_view name) const;
    bool has_query(std::string_view name) const { return query_value(name) != nullptr; }

    // The body as JSON. `typed`: FastAPI's 422 for a body that is not JSON (endpoints with a
    // declared body model); otherwise MLRun's 400 "bad JSON body".
    Json json_body(bool typed) const;
};

HttpResponse json_response(int status, const Json& body, Fields headers = {});
HttpResponse empty_response(int status);
HttpResponse text_response(int status, std::string body, Fields headers = {});

// Query values as FastAPI reads them (422 with its messages otherwise).
std::int64_t query_integer(const Call& call, std::string_view name, std::int64_t fallback);
bool query_bool(const Call& call, std::string_view name, bool fallback);

// `k=v` / `k` label filters against a labels object.
bool labels_match(const Json& labels, const std::vector<std::string>& filters);

// A random hex string of `length` characters.
std::string random_hex(std::size_t length);
std::string now_text();

// MLRun's name rules.
bool valid_project_name(std::string_view name);
bool valid_artifact_key(std::string_view key);
bool valid_tag(std::string_view tag);

// 404 "Project X does not exist" when the project is not in the store.
void ensure_project(const Call& call, const std::string& project);

}  // namespace mlrun::server::detail
