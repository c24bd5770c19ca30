// Routing, authentication and errors of the served API.

#include "lib/server/api.hpp"

#include <algorithm>
#include <utility>

#include "lib/server/routes.hpp"
#include "lib/util/strings.hpp"
#include "lib/version.hpp"

namespace mlrun::server {

using namespace detail;

namespace {

using Handler = HttpResponse (*)(Call&);

struct Route
{
    const char* version;  // "v1", "v2" or "*" (both)
    const char* pattern;  // segments; "{}" captures one, a final "{*}" the rest
    std::vector<std::pair<const char*, Handler>> methods;
    const char* group;  // for --help; nullptr: not listed
};

const std::vector<Route>& routes()
{
    static const std::vector<Route> table = {
        {"*", "healthz", {{"GET", healthz}}, "health: GET /healthz"},
        {"v1", "client-spec", {{"GET", client_spec}}, "client-spec, frontend-spec"},
        {"v1", "frontend-spec", {{"GET", frontend_spec}}, nullptr},
        {"v1",
         "projects",
         {{"POST", create_project}, {"GET", list_projects}},
         "projects: create, get, list, store, patch, delete (restricted/cascading)"},
        {"v1",
         "projects/{}",
         {{"GET", get_project},
          {"PUT", store_project},
          {"PATCH", patch_project},
          {"DELETE", delete_project_v1}},
         nullptr},
        {"v2", "projects/{}", {{"DELETE", delete_project_v2}}, nullptr},
        {"v1", "project-summaries/{}", {{"GET", project_summary}}, nullptr},
        {"v1", "background-tasks/{}", {{"GET", get_task}}, "background tasks"},
        {"v1", "projects/{}/background-tasks", {{"GET", list_project_tasks}}, nullptr},
        {"v1", "projects/{}/background-tasks/{}", {{"GET", get_project_task}}, nullptr},
        {"v1",
         "projects/{}/functions/{}",
         {{"POST", store_function}, {"GET", get_function}},
         "functions: store (versioned, tags, hashes), get, list, delete"},
        {"v1", "projects/{}/functions", {{"GET", list_functions}}, nullptr},
        {"v2", "projects/{}/functions/{}", {{"DELETE", delete_function}}, nullptr},
        {"v1",
         "projects/{}/runs/{}",
         {{"POST", store_run}, {"PATCH", patch_run}, {"GET", get_run}, {"DELETE", delete_run}},
         "runs: store, patch, get, list (filters, sort, partitions, pages), delete, abort"},
        {"v1", "projects/{}/runs/{}/abort", {{"POST", abort_run}}, nullptr},
        {"v1", "projects/{}/runs", {{"GET", list_runs}, {"DELETE", delete_runs}}, nullptr},
        {"v1",
         "projects/{}/logs/{}",
         {{"POST", store_log}, {"GET", get_log}},
         "logs: store/append, read by offset and size, size"},
        {"v1", "projects/{}/logs/{}/size", {{"GET", get_log_size}}, nullptr},
        {"v2",
         "projects/{}/artifacts",
         {{"GET", list_artifacts}, {"POST", create_artifact}, {"DELETE", delete_artifacts}},
         "artifacts (v2): store, list, get by tag/tree/uid/iter, delete; tags"},
        {"v2",
         "projects/{}/artifacts/{*}",
         {{"PUT", store_artifact}, {"GET", get_artifact}, {"DELETE", delete_artifact}},
         nullptr},
        {"v1", "projects/{}/artifact-tags", {{"GET", artifact_tags}}, nullptr},
        {"v1",
         "projects/{}/tags/{}",
         {{"PUT", tag_artifacts}, {"POST", tag_artifacts}, {"DELETE", untag_artifacts}},
         nullptr},
        {"v1",
         "projects/{}/schedules",
         {{"GET", list_schedules}},
         "schedules: list, get, delete (none run here)"},
        {"v1",
         "projects/{}/schedules/{}",
         {{"GET", get_schedule}, {"DELETE", delete_schedule}},
         nullptr},
        {"v1",
         "projects/{}/secret-keys",
         {{"GET", list_secret_keys}},
         "project secrets: key names (none are kept)"},
        // MLRun features that need Kubernetes or services this server does not run.
        {"v1",
         "submit_job",
         {{"POST", submit_job}},
         "jobs: submit_job of job/local functions, run here (a process each, --max-jobs at once)"},
        {"v1",
         "projects/{}/workflows/{}/submit",
         {{"POST", submit_workflow}},
         "workflows: submit runs the project's workflow here with the local engine"},
        {"v1", "build/function", {{"POST", unsupported}}, nullptr},
        {"v1", "build/status", {{"GET", unsupported}}, nullptr},
        {"v1",
         "projects/{}/nuclio/{}/deploy",
         {{"POST", unsupported}, {"GET", unsupported}},
         nullptr},
        {"v1", "projects/{}/schedules", {{"POST", unsupported}}, nullptr},
        {"v1", "projects/{}/secrets", {{"POST", unsupported}, {"DELETE", unsupported}}, nullptr},
        {"v1", "projects/{}/model-endpoints", {{"GET", unsupported}}, nullptr},
        {"v1", "projects/{}/files", {{"GET", unsupported}}, nullptr},
    };
    return table;
}

// Matches `segments` against a route's pattern, filling the captures.
bool match(std::string_view pattern, const std::vector<std::string>& segments,
           std::vector<std::string>& captures)
{
    const auto parts = util::split(pattern, "/");
    captures.clear();
    std::size_t i = 0;
    for (; i < parts.size(); ++i) {
        if (parts[i] == "{*}") {
            if (i >= segments.size()) {
                return false;
            }
            std::string rest = segments[i];
            for (std::size_t j = i + 1; j < segments.size(); ++j) {
                rest += "/" + segments[j];
            }
            captures.push_back(std::move(rest));
            return true;
        }
        if (i >= segments.size()) {
            return false;
        }
        if (parts[i] == "{}") {
            captures.push_back(segments[i]);
        } else if (parts[i] != segments[i]) {
            return false;
        }
    }
    return i == segments.size();
}

// A store failure as MLRun reports its own.
ApiError store_error(const Error& error)
{
    switch (error.kind()) {
    case ErrorKind::not_found: return mlrun_error(404, "MLRunNotFoundError", error.what());
    case ErrorKind::usage: return mlrun_error(400, "MLRunInvalidArgumentError", error.what());
    default: return mlrun_error(500, "MLRunInternalServerError", error.what());
    }
}

bool same_secret(std::string_view a, std::string_view b)
{
    unsigned char difference = a.size() == b.size() ? 0 : 1;
    for (std::size_t i = 0; i < a.size(); ++i) {
        difference |= static_cast<unsigned char>(a[i] ^ b[i % std::max<std::size_t>(1, b.size())]);
    }
    return difference == 0;
}

HttpResponse error_response(const ApiError& error)
{
    return json_response(error.status, {{"detail", error.detail}}, error.headers);
}

// A path segment that could name something outside the store (a key with "..", a NUL): no
// endpoint takes one, and none reaches the file system.
bool hostile(const std::vector<std::string>& segments)
{
    return std::any_of(segments.begin(), segments.end(), [](const std::string& segment) {
        return segment == ".." || segment == "." || segment.find('\0') != std::string::npos;
    });
}

}  // namespace

struct Api::State
{
    ServerState server;
    OpenStore open_store;
    std::mutex pool_lock;
    std::vector<std::unique_ptr<store::RunDB>> idle;

    std::unique_ptr<store::RunDB> acquire()
    {
        {
            const std::lock_guard guard(pool_lock);
            if (!idle.empty()) {
                auto db = std::move(idle.back());
                idle.pop_back();
                return db;
            }
        }
        return open_store();
    }

    void release(std::unique_ptr<store::RunDB> db)
    {
        const std::lock_guard guard(pool_lock);
        if (idle.size() < server.options.connections) {
            idle.push_back(std::move(db));
        }
    }
};

Api::Api(ApiOptions options, OpenStore open_store) : m_state(new State{})
{
    m_state->server.options = std::move(options);
    m_state->open_store = std::move(open_store);
}

Api::~Api() = default;

std::string served_mlrun_version()
{
    return std::string{build_info().mlrun_version};
}

std::vector<std::string> Api::endpoint_groups()
{
    std::vector<std::string> groups;
    for (const auto& route : routes()) {
        if (route.group != nullptr) {
            groups.emplace_back(route.group);
        }
    }
    groups.emplace_back("anything else: 404, or a clear 400 for MLRun features that need "
                        "Kubernetes (builds, Nuclio, schedules, secrets)");
    return groups;
}

void Api::set_job_submitter(std::function<void(JobRequest job)> submit)
{
    m_state->server.submit_job = std::move(submit);
}

void Api::set_job_aborter(std::function<void(const std::string&, const std::string&)> abort)
{
    m_state->server.abort_job = std::move(abort);
}

HttpResponse Api::handle(const HttpRequest& request)
{
    HttpResponse response = [&]() -> HttpResponse {
        if (request.body_too_large) {
            return json_response(413, {{"detail", "Request body too large"}});
        }
        const std::string_view path = request.path;
        std::string version;
        std::string rest;
        for (const char* prefix : {"/api/v1/", "/api/v2/"}) {
            if (path.substr(0, 8) == prefix) {
                version = std::string{path.substr(5, 2)};
                rest = std::string{path.substr(8)};
            }
        }
        if (version.empty()) {
            return json_response(404, {{"detail", "Not Found"}});
        }
        while (!rest.empty() && rest.back() == '/') {
            rest.pop_back();
        }
        const auto segments = util::split(rest, "/");
        if (hostile(segments)) {
            return error_response(
                mlrun_error(400, "MLRunInvalidArgumentError", "invalid path " + request.path));
        }
        std::vector<std::string> captures;
        for (const auto& route : routes()) {
            if ((std::string_view{route.version} != "*" && route.version != version) ||
                !match(route.pattern, segments, captures)) {
                continue;
            }
            const auto method =
                std::find_if(route.methods.begin(), route.methods.end(),
                             [&](const auto& entry) { return request.method == entry.first; });
            if (method == route.methods.end()) {
                continue;  // another route of the same path may take the method
            }
            const std::string_view name = route.pattern;
            const auto& token = m_state->server.options.token;
            if (!token.empty() && name != "healthz" && name != "client-spec") {
                const std::string* given = request.header("authorization");
                if (given == nullptr || given->rfind("Bearer ", 0) != 0) {
                    return error_response(
                        mlrun_error(401, "MLRunUnauthorizedError", "Missing bearer auth header"));
                }
                if (!same_secret(std::string_view{*given}.substr(7), token)) {
                    return error_response(
                        mlrun_error(401, "MLRunUnauthorizedError", "Token did not match"));
                }
            }
            std::unique_ptr<store::RunDB> db;
            try {
                db = m_state->acquire();
                Call call{request, captures, *db, m_state->server, request.query};
                HttpResponse answer = method->second(call);
                m_state->release(std::move(db));
                return answer;
            } catch (const ApiError& error) {
                if (db) {
                    m_state->release(std::move(db));
                }
                return error_response(error);
            } catch (const Error& error) {
                if (db) {
                    m_state->release(std::move(db));
                }
                return error_response(store_error(error));
            } catch (const std::exception& error) {
                // A connection in an unknown state is not reused.
                return error_response(mlrun_error(500, "MLRunInternalServerError", error.what()));
            }
        }
        // The path exists with other methods: 405, as FastAPI answers.
        for (const auto& route : routes()) {
            if ((std::string_view{route.version} == "*" || route.version == version) &&
                match(route.pattern, segments, captures)) {
                return json_response(405, {{"detail", "Method Not Allowed"}});
            }
        }
        return json_response(404, {{"detail", "Not Found"}});
    }();
    response.headers.emplace_back("x-mlrun-be-version", served_mlrun_version());
    return response;
}

}  // namespace mlrun::server
