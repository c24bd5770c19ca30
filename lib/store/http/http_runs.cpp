// The HTTP backend: runs and their logs.

#include "lib/store/http/http_run_db.hpp"

#include "lib/error.hpp"
#include "lib/store/http/requests.hpp"
#include "lib/util/time.hpp"

namespace mlrun::store {

using namespace http_detail;

namespace {

// Sends a request about one run: Error(not_found) naming it for a 404, the API's error for any
// other failure.
http::Response send_for_run(http::Client& client, const Request& request,
                            const std::string& project, const std::string& uid)
{
    auto response = client.send(request);
    if (response.status == 404) {
        throw Error("run '" + uid + "' not found in project '" + project + "'",
                    ErrorKind::not_found);
    }
    if (!response.ok()) {
        throw http::error_for(response, request.context);
    }
    return response;
}

}  // namespace

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
    send_for_run(m_client, request, project, uid);
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
    const auto response = send_for_run(m_client, request, project, uid);
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

}  // namespace mlrun::store
