// The RunDB of a remote MLRun API server.

#include "lib/store/http/http_run_db.hpp"

#include <cstdio>
#include <cstdlib>
#include <set>
#include <thread>
#include <tuple>

#include "lib/error.hpp"
#include "lib/model/function.hpp"
#include "lib/model/project.hpp"
#include "lib/util/time.hpp"

namespace mlrun::store {
namespace {

using http::escape;
using http::Query;
using http::Request;

std::string project_path(const std::string& project)
{
    return "projects/" + escape(project);
}

std::string v2_project_path(const std::string& project)
{
    return "/api/v2/projects/" + escape(project);
}

std::string yes_no(bool value)
{
    return value ? "yes" : "no";
}

Request json_request(std::string method, std::string path, const Json& body, std::string context)
{
    Request request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.body = body.dump();
    request.context = std::move(context);
    return request;
}

Request get(std::string path, Query query, std::string context)
{
    Request request;
    request.path = std::move(path);
    request.query = std::move(query);
    request.context = std::move(context);
    return request;
}

Json member(const Json& object, const char* key)
{
    if (!object.is_object()) {
        return nullptr;
    }
    const auto it = object.find(key);
    return it == object.end() ? Json{} : *it;
}

}  // namespace

HttpRunDB::HttpRunDB(http::Settings settings) : m_client(std::move(settings)) {}

std::string HttpRunDB::location() const
{
    return m_client.settings().base_url;
}

void HttpRunDB::wait_for_task(const Json& task, const std::string& path_prefix,
                              const std::string& context)
{
    const auto name = member(member(task, "metadata"), "name");
    if (!name.is_string()) {
        return;  // nothing to wait for
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::hours{1};
    Json current = task;
    while (true) {
        const auto state = member(member(current, "status"), "state");
        if (state == "succeeded") {
            return;
        }
        if (state == "failed") {
            const auto error = member(member(current, "status"), "error");
            throw Error(context + " failed: " +
                        (error.is_string() ? error.get<std::string>() : "background task failed"));
        }
        if (std::chrono::steady_clock::now() > deadline) {
            throw Error(context + ": timed out waiting for background task " +
                        name.get<std::string>());
        }
        std::this_thread::sleep_for(m_poll_interval);
        current =
            m_client.call(get(path_prefix + "/" + escape(name.get<std::string>()), {}, context))
                .json();
    }
}

void HttpRunDB::paginate(Request request, const std::string& items_key, std::size_t page_size,
                         const std::function<bool(Json&)>& visit)
{
    const auto filters = request.query;
    request.query.emplace_back("page", "1");
    request.query.emplace_back("page-size", std::to_string(page_size));
    while (true) {
        const auto response = m_client.send(request);
        if (response.status == 404 && !request.query.empty() &&
            request.query.front().first == "page-token") {
            return;  // the token expired or the pages ended: MLRun's client stops too
        }
        if (!response.ok()) {
            throw http::error_for(response, request.context);
        }
        auto body = response.json();
        auto items = member(body, items_key.c_str());
        if (items.is_array()) {
            for (auto& item : items) {
                if (!visit(item)) {
                    return;
                }
            }
        }
        const auto token = member(member(body, "pagination"), "page-token");
        if (!token.is_string() || token.get<std::string>().empty()) {
            return;
        }
        request.query = {{"page-token", token.get<std::string>()}};
    }
}

std::optional<http::Response> HttpRunDB::get_unless_missing(const http::Request& request)
{
    auto response = m_client.send(request);
    if (response.status == 404) {
        return std::nullopt;
    }
    if (!response.ok()) {
        throw http::error_for(response, request.context);
    }
    return response;
}

Json HttpRunDB::client_spec()
{
    auto request = get("client-spec", {}, "get the server's client-spec");
    request.timeout = std::chrono::milliseconds{5'000};  // as MLRun's client connects
    return m_client.call(request).json();
}

// --- projects

void HttpRunDB::store_project(const model::Project& project)
{
    const auto& name = project.metadata.name;
    auto response = m_client.call(
        json_request("PUT", project_path(name), model::to_json(project), "store project " + name));
    (void)response;
}

std::optional<model::Project> HttpRunDB::find_project(const std::string& name)
{
    const auto response = get_unless_missing(get(project_path(name), {}, "get project " + name));
    if (!response) {
        return std::nullopt;
    }
    return model::project_from_json(response->json());
}

std::vector<model::Project> HttpRunDB::list_projects()
{
    const auto response = m_client.call(get("projects", {{"format", "full"}}, "list projects"));
    std::vector<model::Project> projects;
    for (const auto& item : member(response.json(), "projects")) {
        projects.push_back(model::project_from_json(item));
    }
    return projects;
}

void HttpRunDB::delete_project(const std::string& name, DeletionStrategy strategy)
{
    if (!find_project(name)) {
        throw Error("project '" + name + "' not found", ErrorKind::not_found);
    }
    Request request;
    request.method = "DELETE";
    request.path = v2_project_path(name);
    request.headers = {{"x-mlrun-deletion-strategy", std::string{to_string(strategy)}}};
    request.context = "delete project " + name;
    const auto response = m_client.send(request);
    if (response.status == 412) {
        // The server's restricted check found resources: "... related resources found: runs".
        const auto detail = http::error_detail(response);
        const auto at = detail.rfind("found: ");
        throw project_not_empty(name, {at == std::string::npos ? detail : detail.substr(at + 7)});
    }
    if (!response.ok()) {
        throw http::error_for(response, request.context);
    }
    if (response.status == 202) {
        wait_for_task(response.json(), "background-tasks", request.context);
    }
}

// --- functions

namespace {

// POST functions/{name}: the server tags "latest" itself when no tag is sent, so MLRun's client
// sends none for it.
std::string post_function(http::Client& client, const model::Function& function,
                          const std::string& project, const std::string& tag, bool versioned)
{
    const auto name = model::normalize_name(function.metadata.name);
    Query query{{"versioned", versioned ? "True" : "False"}};
    if (!tag.empty() && tag != "latest") {
        query.emplace_back("tag", tag);
    }
    auto request = json_request("POST", project_path(project) + "/functions/" + escape(name),
                                model::to_json(function), "store function " + name);
    request.query = std::move(query);
    const auto response = client.call(request);
    const auto hash = member(response.json(), "hash_key");
    return hash.is_string() ? hash.get<std::string>() : std::string{};
}

}  // namespace

std::string HttpRunDB::store_function(const model::Function& function, const std::string& project,
                                      const std::string& tag)
{
    return post_function(m_client, function, project, tag, true);
}

std::string HttpRunDB::store_function_unversioned(const model::Function& function,
                                                  const std::string& project,
                                                  const std::string& tag)
{
    return post_function(m_client, function, project, tag, false);
}

std::optional<model::Function> HttpRunDB::find_function(const std::string& project,
                                                        const std::string& name,
                                                        const std::string& tag,
                                                        const std::string& hash)
{
    // Both sent, empty ones too, as MLRun's client sends them (the server reads "" as none).
    Query query{{"tag", tag}, {"hash_key", hash}};
    const auto context = "get function " + project + "/" + name;
    const auto response = get_unless_missing(
        get(project_path(project) + "/functions/" + escape(model::normalize_name(name)), query,
            context));
    if (!response) {
        return std::nullopt;
    }
    return model::function_from_json(member(response->json(), "func"));
}

std::vector<model::Function> HttpRunDB::list_functions(const FunctionFilter& filter)
{
    Query query{{"name", filter.name}};  // sent empty too, as MLRun's client sends it
    if (!filter.tag.empty()) {
        query.emplace_back("tag", filter.tag);
    }
    for (const auto& label : filter.labels) {
        query.emplace_back("label", label);
    }
    std::vector<model::Function> functions;
    const auto project = filter.project.empty() ? std::string{"default"} : filter.project;
    paginate(get(project_path(project) + "/functions", query, "list functions"), "funcs",
             filter.limit > 0 && filter.limit < m_client.settings().page_size
                 ? filter.limit
                 : m_client.settings().page_size,
             [&](Json& item) {
                 functions.push_back(model::function_from_json(item));
                 return filter.limit == 0 || functions.size() < filter.limit;
             });
    return functions;
}

std::size_t HttpRunDB::delete_function(const std::string& project, const std::string& name)
{
    if (!find_function(project, name, "", "")) {
        return 0;
    }
    Request request;
    request.method = "DELETE";
    request.path = v2_project_path(project) + "/functions/" + escape(model::normalize_name(name));
    request.context = "delete function " + project + "/" + name;
    const auto response = m_client.call(request);
    if (response.status == 202) {
        wait_for_task(response.json(), project_path(project) + "/background-tasks",
                      request.context);
    }
    return 1;
}

// --- runs

void HttpRunDB::store_run(const model::Run& run)
{
    const auto& metadata = run.metadata;
    auto request =
        json_request("POST", project_path(metadata.project) + "/runs/" + escape(metadata.uid),
                     model::to_json(run), "store run " + metadata.uid);
    request.query = {{"iter", std::to_string(metadata.iteration)}};
    m_client.call(request);
}

bool HttpRunDB::update_run_if_state(const std::string& project, const std::string& uid,
                                    std::int64_t iteration, model::RunState expected,
                                    const Json& updates)
{
    const auto run = find_run(project, uid, iteration);
    if (!run) {
        throw Error("run '" + uid + "' not found in project '" + project + "'",
                    ErrorKind::not_found);
    }
    if (run->status.state != expected) {
        return false;
    }
    update_run(project, uid, iteration, updates);  // only the named fields, never the old body
    return true;
}

void HttpRunDB::update_run(const std::string& project, const std::string& uid,
                           std::int64_t iteration, const Json& updates)
{
    auto request = json_request("PATCH", project_path(project) + "/runs/" + escape(uid), updates,
                                "update run " + uid);
    request.query = {{"iter", std::to_string(iteration)}};
    const auto response = m_client.send(request);
    if (response.status == 404) {
        throw Error("run '" + uid + "' not found in project '" + project + "'",
                    ErrorKind::not_found);
    }
    if (!response.ok()) {
        throw http::error_for(response, request.context);
    }
}

std::optional<model::Run> HttpRunDB::find_run(const std::string& project, const std::string& uid,
                                              std::int64_t iteration)
{
    const auto context = "get run " + uid;
    const auto response =
        get_unless_missing(get(project_path(project) + "/runs/" + escape(uid),
                               {{"iter", std::to_string(iteration)}, {"format", "full"}}, context));
    if (!response) {
        return std::nullopt;
    }
    return model::run_from_json(member(response->json(), "data"));
}

std::vector<model::Run> HttpRunDB::list_runs(const RunFilter& filter)
{
    std::vector<model::Run> runs;
    for_each_run(filter, [&](const model::Run& run) { runs.push_back(run); });
    return runs;
}

void HttpRunDB::for_each_run(const RunFilter& filter,
                             const std::function<void(const model::Run&)>& visit)
{
    // The query MLRun's client sends (rest-api.md §3.4), including its default of "the latest
    // run of each name, started in the last 7 days" when nothing narrows the list.
    Query query;
    if (!filter.name.empty()) {
        query.emplace_back("name", filter.name);
    }
    if (!filter.uid.empty() && !filter.uid_prefix) {
        query.emplace_back("uid", filter.uid);
    }
    for (const auto& label : filter.labels) {
        query.emplace_back("label", label);
    }
    for (const auto state : filter.states) {
        query.emplace_back("state", std::string{model::to_string(state)});
    }
    query.emplace_back("sort", "yes");
    query.emplace_back("iter", yes_no(filter.all_iterations || filter.iteration.has_value()));
    if (filter.since) {
        query.emplace_back("start_time_from", util::format_iso(*filter.since));
    }
    if (filter.until) {
        query.emplace_back("start_time_to", util::format_iso(*filter.until));
    }
    const bool narrowed = !filter.name.empty() || !filter.uid.empty() || !filter.labels.empty() ||
                          !filter.states.empty() || filter.since || filter.until ||
                          filter.all_iterations || filter.iteration;
    if (!narrowed) {
        query.emplace_back("start_time_from",
                           util::format_iso(util::now_micros() - 7LL * 24 * 3600 * 1'000'000));
        query.emplace_back("partition-by", "project_and_name");
        query.emplace_back("partition-sort-by", "updated");
        query.emplace_back("rows-per-partition", "1");
        query.emplace_back("partition-order", "desc");
        query.emplace_back("max-partitions", "0");
    }
    query.emplace_back("with-notifications", "False");
    const auto project = filter.project.empty() ? std::string{"default"} : filter.project;
    std::size_t seen = 0;
    std::size_t skipped = 0;
    const auto configured = m_client.settings().page_size;
    const auto page_size = filter.limit > 0 && filter.limit < configured && !filter.uid_prefix
                               ? filter.limit
                               : configured;
    paginate(get(project_path(project) + "/runs", query, "list runs"), "runs", page_size,
             [&](Json& item) {
                 auto run = model::run_from_json(std::move(item));
                 if (filter.iteration && run.metadata.iteration != *filter.iteration) {
                     return true;
                 }
                 // The API matches whole uids only: a prefix is matched here.
                 if (filter.uid_prefix && !run.metadata.uid.starts_with(filter.uid)) {
                     return true;
                 }
                 if (skipped < filter.offset) {
                     ++skipped;
                     return true;
                 }
                 visit(run);
                 ++seen;
                 return filter.limit == 0 || seen < filter.limit;
             });
}

std::size_t HttpRunDB::delete_run(const std::string& project, const std::string& uid)
{
    RunFilter filter;
    filter.project = project;
    filter.uid = uid;
    filter.all_iterations = true;
    std::size_t rows = 0;
    for_each_run(filter, [&](const model::Run& run) { rows += run.metadata.uid == uid; });
    if (rows == 0) {
        return 0;
    }
    Request request;
    request.method = "DELETE";
    request.path = project_path(project) + "/runs/" + escape(uid);
    request.query = {{"iter", "0"}};  // the server deletes every iteration of the uid
    request.context = "delete run " + uid;
    m_client.call(request);
    return rows;
}

std::size_t HttpRunDB::import_runs(const std::function<bool(model::Run&)>& next)
{
    // The API has no batch store: one request per run (not one transaction, unlike the local
    // store; importing again replaces the same runs).
    std::size_t count = 0;
    model::Run run;
    while (next(run)) {
        store_run(run);
        ++count;
        run = model::Run{};
    }
    return count;
}

void HttpRunDB::abort_run(const std::string& project, const std::string& uid,
                          std::int64_t iteration)
{
    auto request = json_request("POST", project_path(project) + "/runs/" + escape(uid) + "/abort",
                                Json::object(), "abort run " + uid);
    request.query = {{"iter", std::to_string(iteration)}};
    const auto response = m_client.send(request);
    if (response.status == 404) {
        throw Error("run '" + uid + "' not found in project '" + project + "'",
                    ErrorKind::not_found);
    }
    if (!response.ok()) {
        throw http::error_for(response, request.context);
    }
    if (response.status == 202) {
        wait_for_task(response.json(), project_path(project) + "/background-tasks",
                      request.context);
    }
}

// --- logs

void HttpRunDB::store_log(const std::string& project, const std::string& uid,
                          std::string_view bytes, bool append)
{
    Request request;
    request.method = "POST";
    request.path = project_path(project) + "/logs/" + escape(uid);
    request.query = {{"append", append ? "yes" : "no"}};
    request.body = std::string{bytes};
    request.content_type = "application/octet-stream";
    request.context = (append ? "store the log of run " : "replace the log of run ") + uid;
    m_client.call(request);
}

void HttpRunDB::append_log(const std::string& project, const std::string& uid,
                           std::string_view bytes)
{
    store_log(project, uid, bytes, true);
}

void HttpRunDB::replace_log(const std::string& project, const std::string& uid,
                            std::string_view bytes)
{
    store_log(project, uid, bytes, false);
}

LogChunk HttpRunDB::read_log(const std::string& project, const std::string& uid,
                             std::uint64_t offset, std::uint64_t size)
{
    const auto context = "get the log of run " + uid;
    const auto response =
        m_client.send(get(project_path(project) + "/logs/" + escape(uid),
                          {{"offset", std::to_string(offset)},
                           {"size", size == 0 ? std::string{"-1"} : std::to_string(size)}},
                          context));
    if (response.status == 404) {
        throw Error("run '" + uid + "' not found in project '" + project + "'",
                    ErrorKind::not_found, "try 'mlrun get runs -p " + project + "'");
    }
    if (!response.ok()) {
        throw http::error_for(response, context);
    }
    LogChunk chunk;
    chunk.bytes = response.body;
    const auto state = response.header("x-mlrun-run-state");
    chunk.state = state.empty() ? model::RunState::unknown : model::parse_run_state(state);
    return chunk;
}

std::uint64_t HttpRunDB::log_size(const std::string& project, const std::string& uid)
{
    const auto context = "get the log size of run " + uid;
    const auto response = get_unless_missing(
        get(project_path(project) + "/logs/" + escape(uid) + "/size", {}, context));
    if (!response) {
        return 0;
    }
    const auto size = member(response->json(), "size");
    return size.is_number_unsigned() || size.is_number_integer() ? size.get<std::uint64_t>() : 0;
}

// --- artifacts (v2)

void HttpRunDB::store_artifact(const model::Artifact& artifact, const std::string& tag)
{
    const auto& metadata = artifact.metadata;
    const auto key = artifact.spec.db_key.empty() ? metadata.key : artifact.spec.db_key;
    auto body = model::to_json(artifact);
    body["metadata"]["project"] = metadata.project;
    if (!body.contains("spec")) {
        body["spec"] = Json::object();
    }
    if (!body.contains("status")) {
        body["status"] = Json::object();
    }
    auto request =
        json_request("PUT", v2_project_path(metadata.project) + "/artifacts/" + escape(key), body,
                     "store artifact " + key);
    if (!metadata.tree.empty()) {
        request.query.emplace_back("tree", metadata.tree);
    }
    const auto effective_tag = !tag.empty() ? tag : metadata.tag;
    if (!effective_tag.empty()) {
        request.query.emplace_back("tag", effective_tag);
    }
    if (metadata.iter != 0) {
        request.query.emplace_back("iter", std::to_string(metadata.iter));
    }
    m_client.call(request);
}

std::optional<model::Artifact> HttpRunDB::find_artifact(const ArtifactRef& ref)
{
    if (ref.tag.empty() && ref.uid.empty() && !ref.tree.empty()) {
        // A version by its producer alone. The single GET would add tag=latest (404 when latest
        // is on another tree) or, without a tag, answer 500 once the tree holds two versions of
        // the key; the listing finds it as the local store does: the newest of that tree.
        ArtifactFilter filter;
        filter.project = ref.project;
        filter.key = ref.key;
        filter.tree = ref.tree;
        filter.iter = ref.iter.value_or(0);
        std::optional<model::Artifact> newest;
        for (auto& artifact : list_artifacts(filter)) {
            if (artifact.metadata.key != ref.key && artifact.spec.db_key != ref.key) {
                continue;
            }
            if (!newest || artifact.metadata.updated > newest->metadata.updated) {
                newest = std::move(artifact);
            }
        }
        if (newest) {
            newest->metadata.tag.clear();
        }
        return newest;
    }
    Query query{{"tag", ref.tag.empty() && ref.uid.empty() ? std::string{"latest"} : ref.tag},
                {"format", "full"}};
    if (query.front().second.empty()) {
        query.erase(query.begin());
    }
    if (ref.iter) {
        query.emplace_back("iter", std::to_string(*ref.iter));
    }
    if (!ref.tree.empty()) {
        query.emplace_back("tree", ref.tree);
    }
    if (!ref.uid.empty()) {
        query.emplace_back("object-uid", ref.uid);
    }
    const auto context = "get artifact " + ref.key;
    const auto response = get_unless_missing(
        get(v2_project_path(ref.project) + "/artifacts/" + escape(ref.key), query, context));
    if (!response) {
        return std::nullopt;
    }
    return model::artifact_from_json(response->json());
}

std::vector<model::Artifact> HttpRunDB::list_artifacts(const ArtifactFilter& filter)
{
    // name and tag sent empty too, as MLRun's client sends them (the server reads "" as none).
    Query query{{"format", "full"}, {"name", filter.key}, {"tag", filter.tag}};
    if (!filter.kind.empty()) {
        query.emplace_back("kind", filter.kind);
    }
    if (!filter.tree.empty()) {
        query.emplace_back("tree", filter.tree);
    }
    if (filter.iter) {
        query.emplace_back("iter", std::to_string(*filter.iter));
    }
    for (const auto& label : filter.labels) {
        query.emplace_back("label", label);
    }
    query.emplace_back("best-iteration", filter.best_iteration ? "True" : "False");
    if (filter.limit > 0) {
        query.emplace_back("limit", std::to_string(filter.limit));
    }
    const auto project = filter.project.empty() ? std::string{"default"} : filter.project;
    const auto response =
        m_client.call(get(v2_project_path(project) + "/artifacts", query, "list artifacts"));
    std::vector<model::Artifact> artifacts;
    for (const auto& item : member(response.json(), "artifacts")) {
        artifacts.push_back(model::artifact_from_json(item));
    }
    return artifacts;
}

std::size_t HttpRunDB::delete_artifact(const ArtifactRef& ref)
{
    Request request;
    request.method = "DELETE";
    request.path = v2_project_path(ref.project) + "/artifacts/" + escape(ref.key);
    request.context = "delete artifact " + ref.key;
    request.query = {{"key", ref.key}};
    std::size_t versions = 1;
    if (ref.tag.empty() && ref.tree.empty() && ref.uid.empty() && !ref.iter) {
        // Only the key: every version of it, as the local store and MLRun's client do.
        ArtifactFilter filter;
        filter.project = ref.project;
        filter.key = ref.key;
        std::set<std::tuple<std::string, std::string, std::int64_t>> distinct;  // per tag
        for (const auto& artifact : list_artifacts(filter)) {
            distinct.emplace(artifact.metadata.uid, artifact.metadata.tree, artifact.metadata.iter);
        }
        versions = distinct.size();
        if (versions == 0) {
            return 0;
        }
    } else {
        // One version. The server deletes every version of the key when neither a tag nor an
        // object uid is sent (tree and iter alone are ignored), and a tag may have moved: the
        // version is resolved first and named by its object uid, tree and iteration, so the
        // request can match nothing else.
        const auto version = find_artifact(ref);
        if (!version) {
            return 0;
        }
        if (version->metadata.uid.empty()) {
            throw Error("artifact '" + ref.key +
                        "': the server gave the version no uid, so it "
                        "cannot be deleted alone");
        }
        request.query.emplace_back("object-uid", version->metadata.uid);
        if (!version->metadata.tree.empty()) {
            request.query.emplace_back("tree", version->metadata.tree);
        }
        request.query.emplace_back("iter", std::to_string(version->metadata.iter));
    }
    request.query.emplace_back("deletion_strategy", "metadata-only");
    m_client.call(request);
    return versions;
}

void HttpRunDB::tag_artifact(const ArtifactRef& ref, const std::string& tag)
{
    const auto artifact = read_artifact(ref);
    Json identifier = {{"key", ref.key},
                       {"kind", artifact.kind},
                       {"iter", artifact.metadata.iter},
                       {"uid", artifact.metadata.uid},
                       {"producer_id", artifact.metadata.tree}};
    const Json body = {{"kind", "artifact"}, {"identifiers", Json::array({identifier})}};
    m_client.call(json_request("PUT", project_path(ref.project) + "/tags/" + escape(tag), body,
                               "tag artifact " + ref.key));
}

std::size_t HttpRunDB::untag_artifact(const std::string& project, const std::string& key,
                                      const std::string& tag)
{
    ArtifactFilter filter;
    filter.project = project;
    filter.key = key;
    filter.tag = tag;
    const auto tagged = list_artifacts(filter);
    if (tagged.empty()) {
        return 0;
    }
    // The versions that carry the tag, named as MLRun's client names them.
    Json identifiers = Json::array();
    for (const auto& artifact : tagged) {
        identifiers.push_back({{"kind", artifact.kind},
                               {"key", key},
                               {"iter", artifact.metadata.iter},
                               {"uid", artifact.metadata.uid},
                               {"producer_id", artifact.metadata.tree}});
    }
    const Json body = {{"kind", "artifact"}, {"identifiers", identifiers}};
    m_client.call(json_request("DELETE", project_path(project) + "/tags/" + escape(tag), body,
                               "untag artifact " + key));
    return tagged.size();
}

// --- schedules

void HttpRunDB::store_schedule(const Schedule& schedule)
{
    Json body = schedule.body;
    body["name"] = schedule.name;
    body["kind"] = schedule.kind;
    body["cron_trigger"] = schedule.cron;
    auto create = json_request("POST", project_path(schedule.project) + "/schedules", body,
                               "create schedule " + schedule.name);
    const auto created = m_client.send(create);
    if (created.status != 409) {
        if (!created.ok()) {
            throw http::error_for(created, create.context);
        }
        return;
    }
    // It exists: update it in place (MLRun's update_schedule), as the local store replaces it.
    body.erase("name");
    body.erase("kind");
    m_client.call(
        json_request("PUT", project_path(schedule.project) + "/schedules/" + escape(schedule.name),
                     body, "update schedule " + schedule.name));
}

std::vector<Schedule> HttpRunDB::list_schedules(const std::string& project)
{
    const auto response =
        m_client.call(get(project_path(project) + "/schedules", {}, "list schedules"));
    std::vector<Schedule> schedules;
    for (const auto& item : member(response.json(), "schedules")) {
        Schedule schedule;
        schedule.project = member(item, "project").is_string()
                               ? member(item, "project").get<std::string>()
                               : project;
        schedule.name = item.value("name", std::string{});
        schedule.kind = item.value("kind", std::string{});
        const auto cron = member(item, "cron_trigger");
        schedule.cron = cron.is_string() ? cron.get<std::string>() : cron.dump();
        schedule.body = item;
        schedules.push_back(std::move(schedule));
    }
    return schedules;
}

std::size_t HttpRunDB::delete_schedule(const std::string& project, const std::string& name)
{
    // The server answers 204 for a missing schedule too: asked first, so a typo is reported.
    if (!get_unless_missing(get(project_path(project) + "/schedules/" + escape(name), {},
                                "get schedule " + name))) {
        return 0;
    }
    Request request;
    request.method = "DELETE";
    request.path = project_path(project) + "/schedules/" + escape(name);
    request.context = "delete schedule " + name;
    m_client.call(request);
    return 1;
}

// --- data

std::string HttpRunDB::read_data(const std::string& project, const std::string& url)
{
    const auto context = "read " + url;
    auto request = get(project_path(project) + "/files", {{"path", url}}, context);
    request.timeout = std::chrono::milliseconds{600'000};
    return m_client.call(request).body;
}

// --- submit

Json HttpRunDB::submit_workflow(const std::string& project, const std::string& name,
                                const Json& request)
{
    auto call =
        json_request("POST", project_path(project) + "/workflows/" + escape(name) + "/submit",
                     request, "submit workflow " + name);
    call.retry = false;  // never a second workflow run
    return m_client.call(call).json();
}

SubmitResult HttpRunDB::submit_job(const model::Run& task, const model::Function& function,
                                   const std::string& schedule)
{
    Json body = {{"task", model::to_json(task)}, {"function", model::to_json(function)}};
    if (!schedule.empty()) {
        body["schedule"] = schedule;
    }
    auto request = json_request("POST", "submit_job", body, "submit run " + task.metadata.name);
    request.retry = false;  // never a second submission of one run (rest-api.md §1.3)
    request.timeout = std::chrono::milliseconds{200'000};
    const auto response = m_client.call(request);
    const auto data = member(response.json(), "data");
    SubmitResult result;
    if (!schedule.empty()) {
        result.schedule = data;
    } else if (data.is_object()) {
        result.run = model::run_from_json(data);
    }
    return result;
}

BuildAnswer HttpRunDB::build_function(const model::Function& function, const BuildRequest& request)
{
    const Json body = {{"function", model::to_json(function)},
                       {"with_mlrun", request.with_mlrun ? "yes" : "no"},
                       {"skip_deployed", request.skip_deployed},
                       {"force_build", request.force_build}};
    auto call =
        json_request("POST", "build/function", body, "build function " + function.metadata.name);
    call.retry = false;  // never two builds
    const auto answer = m_client.call(call).json();
    BuildAnswer result;
    result.ready = answer.value("ready", false);
    const auto data = member(answer, "data");
    result.function = data.is_object() ? model::function_from_json(data) : function;
    return result;
}

DeployProgress HttpRunDB::build_status(const model::Function& function, std::size_t offset,
                                       std::size_t events_offset)
{
    const auto project =
        function.metadata.project.empty() ? std::string{"default"} : function.metadata.project;
    const auto response =
        m_client.call(get("build/status",
                          {{"name", model::normalize_name(function.metadata.name)},
                           {"project", project},
                           {"tag", function.metadata.tag},
                           {"logs", "yes"},
                           {"offset", std::to_string(offset)},
                           {"events_offset", std::to_string(events_offset)},
                           {"last_log_timestamp", "0.0"},
                           {"verbose", "no"}},
                          "get the build status of " + function.metadata.name));
    DeployProgress progress;
    progress.state = response.header("x-mlrun-function-status");
    progress.text = response.body;
    progress.events = response.header("deploy_status_text_kind") == "events";
    progress.image = response.header("function_image");
    progress.pod = response.header("builder_pod");
    return progress;
}

model::Function HttpRunDB::deploy_nuclio(const model::Function& function)
{
    const auto project =
        function.metadata.project.empty() ? std::string{"default"} : function.metadata.project;
    auto call = json_request("POST",
                             project_path(project) + "/nuclio/" +
                                 escape(model::normalize_name(function.metadata.name)) + "/deploy",
                             {{"function", model::to_json(function)}},
                             "deploy function " + function.metadata.name);
    call.retry = false;
    const auto data = member(m_client.call(call).json(), "data");
    return data.is_object() ? model::function_from_json(data) : function;
}

DeployProgress HttpRunDB::deploy_status(const model::Function& function, double last_timestamp)
{
    const auto project =
        function.metadata.project.empty() ? std::string{"default"} : function.metadata.project;
    const auto name = model::normalize_name(function.metadata.name);
    char timestamp[64];
    std::snprintf(timestamp, sizeof timestamp, "%.6f", last_timestamp);
    const auto response =
        m_client.call(get(project_path(project) + "/nuclio/" + escape(name) + "/deploy",
                          {{"name", name},
                           {"project", project},
                           {"tag", function.metadata.tag},
                           {"last_log_timestamp", timestamp},
                           {"verbose", "no"}},
                          "get the deploy status of " + name));
    DeployProgress progress;
    progress.state = response.header("x-mlrun-function-status");
    progress.text = response.body;
    progress.address = response.header("x-mlrun-address");
    progress.nuclio_name = response.header("x-mlrun-name");
    progress.image = response.header("x-mlrun-container-image");
    const auto stamp = response.header("x-mlrun-last-timestamp");
    progress.last_timestamp = stamp.empty() ? last_timestamp : std::strtod(stamp.c_str(), nullptr);
    return progress;
}

}  // namespace mlrun::store
