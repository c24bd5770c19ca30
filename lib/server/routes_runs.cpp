// /api/v1/projects/{p}/runs and /logs: runs stored as their clients write them, MLRun's filters,
// sorting, partitions and paging; each run's log as one byte stream.

#include <algorithm>
#include <map>

#include "lib/model/artifact.hpp"
#include "lib/model/run.hpp"
#include "lib/server/routes.hpp"
#include "lib/util/strings.hpp"
#include "lib/util/time.hpp"

namespace mlrun::server::detail {

namespace {

std::int64_t iteration_of(const Call& call)
{
    return query_integer(call, "iter", 0);
}

Json object_body(const Call& call)
{
    Json body = call.json_body(false);
    if (!body.is_object()) {
        throw reason_error(400, "bad JSON body");
    }
    return body;
}

std::optional<util::Micros> time_query(const Call& call, std::string_view name)
{
    const std::string* text = call.query_value(name);
    if (text == nullptr || text->empty()) {
        return std::nullopt;
    }
    auto parsed = util::parse_iso(*text);
    if (!parsed) {
        throw validation_error(Json::array({"query", name}), "invalid datetime format",
                               "value_error.datetime");
    }
    return parsed;
}

std::string text_at(const Json& object, const char* section, const char* key)
{
    const auto s = object.find(section);
    if (s == object.end() || !s->is_object()) {
        return {};
    }
    const auto v = s->find(key);
    return v != s->end() && v->is_string() ? v->get<std::string>() : std::string{};
}

// A run's time for partition sorting: "updated" is status.last_update, "created" its start.
std::string partition_time(const Json& run, const std::string& by)
{
    const std::string updated = text_at(run, "status", "last_update");
    const std::string started = text_at(run, "status", "start_time");
    if (by == "updated") {
        return updated.empty() ? started : updated;
    }
    return started.empty() ? updated : started;
}

// MLRun's partitioned listing: per name (or project and name), `rows` runs in the partition
// order, at most `max_partitions` partitions (0: all), partitions by their first run.
Json partition(Json runs, const Call& call)
{
    const std::string by = call.query_or("partition-by", "");
    if (by != "name" && by != "project_and_name") {
        throw enum_error(Json::array({"query", "partition-by"}), {"name", "project_and_name"});
    }
    const std::string sort_by = call.query_or("partition-sort-by", "");
    if (sort_by.empty()) {
        throw mlrun_error(400, "MLRunInvalidArgumentError",
                          "sort parameter must be provided when partition_by is used.");
    }
    const bool descending = call.query_or("partition-order", "desc") != "asc";
    const auto rows = static_cast<std::size_t>(
        std::max<std::int64_t>(1, query_integer(call, "rows-per-partition", 1)));
    const auto max_partitions = static_cast<std::size_t>(
        std::max<std::int64_t>(0, query_integer(call, "max-partitions", 0)));

    std::vector<std::string> order;  // partitions in the order their first run is listed
    std::map<std::string, std::vector<Json>> groups;
    for (auto& run : runs) {
        std::string key = text_at(run, "metadata", "name");
        if (by == "project_and_name") {
            key = text_at(run, "metadata", "project") + "/" + key;
        }
        auto& group = groups[key];
        if (group.empty()) {
            order.push_back(key);
        }
        group.push_back(std::move(run));
    }
    Json out = Json::array();
    std::size_t taken = 0;
    for (const auto& key : order) {
        if (max_partitions != 0 && taken == max_partitions) {
            break;
        }
        auto& group = groups[key];
        std::stable_sort(group.begin(), group.end(), [&](const Json& a, const Json& b) {
            const auto ta = partition_time(a, sort_by);
            const auto tb = partition_time(b, sort_by);
            return descending ? ta > tb : ta < tb;
        });
        for (std::size_t i = 0; i < group.size() && i < rows; ++i) {
            out.push_back(std::move(group[i]));
        }
        ++taken;
    }
    return out;
}

store::RunFilter run_filter(const Call& call, bool* post_filter)
{
    store::RunFilter filter;
    filter.project = call.params[0];
    const std::string name = call.query_or("name", "");
    if (!name.empty() && name.front() != '~') {
        filter.name = name;
    }
    const auto uids = call.query_all("uid");
    if (uids.size() == 1) {
        filter.uid = uids.front();
    }
    filter.labels = call.query_all("label");
    for (const auto& state : call.query_all("state")) {
        filter.states.push_back(model::parse_run_state(state));
    }
    filter.all_iterations = query_bool(call, "iter", true);
    filter.since = time_query(call, "start_time_from");
    filter.until = time_query(call, "start_time_to");
    *post_filter = (!name.empty() && name.front() == '~') || uids.size() > 1 ||
                   call.has_query("last_update_time_from") ||
                   call.has_query("last_update_time_to") || call.has_query("partition-by");
    return filter;
}

bool post_filter_match(const Call& call, const Json& run)
{
    const std::string name = call.query_or("name", "");
    if (!name.empty() && name.front() == '~' &&
        util::to_lower(text_at(run, "metadata", "name")).find(util::to_lower(name.substr(1))) ==
            std::string::npos) {
        return false;
    }
    const auto uids = call.query_all("uid");
    if (uids.size() > 1 &&
        std::find(uids.begin(), uids.end(), text_at(run, "metadata", "uid")) == uids.end()) {
        return false;
    }
    const auto updated = util::parse_iso(partition_time(run, "updated"));
    if (const auto from = time_query(call, "last_update_time_from");
        from && (!updated || *updated < *from)) {
        return false;
    }
    if (const auto to = time_query(call, "last_update_time_to");
        to && (!updated || *updated >= *to)) {
        return false;
    }
    return true;
}

// A run as MLRun 1.7's server answers it: the artifacts it produced by reference
// (status.artifact_uris); a single run also with those artifacts as stored (`expand`).
Json run_view(Json view, store::RunDB* expand)
{
    if (!view.contains("status") || !view["status"].is_object()) {
        return view;
    }
    auto& status = view["status"];
    const bool has_artifacts = status.contains("artifacts") && status["artifacts"].is_array() &&
                               !status["artifacts"].empty();
    if (has_artifacts || status.contains("artifacts")) {
        // As MLRun 1.7 keeps them: by reference (its clients read them from the artifacts).
        const auto run = model::run_from_json(view);
        status["artifact_uris"] = run.artifact_uris();
    }
    if (expand == nullptr || !has_artifacts) {
        status.erase("artifacts");
        return view;
    }
    const std::string project = view["metadata"].value("project", std::string{});
    if (status.contains("artifacts") && status["artifacts"].is_array()) {
        for (auto& entry : status["artifacts"]) {
            try {
                const auto artifact = model::artifact_from_json(entry);
                store::ArtifactRef ref{project, artifact.spec.db_key.empty()
                                                    ? artifact.metadata.key
                                                    : artifact.spec.db_key};
                ref.tree = artifact.metadata.tree;
                ref.iter = artifact.metadata.iter;
                // With its tag when it is still the key's latest version, as MLRun answers.
                ref.tag = "latest";
                auto stored = expand->find_artifact(ref);
                if (!stored) {
                    ref.tag.clear();
                    stored = expand->find_artifact(ref);
                }
                if (stored) {
                    entry = artifact_view(*stored, true);
                }
            } catch (const Error&) {
                // An entry that is not an artifact object stays as it is.
            }
        }
    }
    return view;
}

}  // namespace

HttpResponse store_run(Call& call)
{
    const std::string& project = call.params[0];
    const std::string& uid = call.params[1];
    ensure_project(call, project);
    Json body = object_body(call);
    if (!body.contains("metadata") || !body["metadata"].is_object() ||
        !body["metadata"].contains("name")) {
        throw validation_error(Json::array({"body", "metadata", "name"}), "field required",
                               "value_error.missing");
    }
    const std::int64_t iteration = iteration_of(call);
    if (!body.contains("status") || !body["status"].is_object()) {
        body["status"] = Json::object();
    }
    // Every store is stamped, as MLRun's server does.
    body["status"]["last_update"] = util::format_iso(util::now_micros());
    body["metadata"]["uid"] = uid;
    body["metadata"]["project"] = project;
    if (iteration != 0 || body["metadata"].contains("iteration")) {
        body["metadata"]["iteration"] = iteration;  // absent means 0, and stays absent
    }
    model::Run run;
    try {
        run = model::run_from_json(body);
    } catch (const Error& error) {
        throw mlrun_error(400, "MLRunInvalidArgumentError", error.what());
    }
    if (const auto existing = call.db.find_run(project, uid, iteration);
        existing && existing->metadata.name != run.metadata.name) {
        throw mlrun_error(400, "MLRunInvalidArgumentError",
                          "Changing name for an existing run is invalid");
    }
    call.db.store_run_document(body);  // kept as the client wrote it, as MLRun keeps it
    return json_response(200, Json::object());
}

HttpResponse patch_run(Call& call)
{
    const std::string& project = call.params[0];
    const std::string& uid = call.params[1];
    Json updates = object_body(call);
    const std::int64_t iteration = iteration_of(call);
    if (!updates.contains("status.last_update")) {
        updates["status.last_update"] = util::format_iso(util::now_micros());
    }
    try {
        call.db.update_run(project, uid, iteration, updates);
    } catch (const Error& error) {
        if (error.kind() == ErrorKind::not_found) {
            throw mlrun_error(404, "MLRunNotFoundError",
                              "Run " + project + "@" + uid + "#" + std::to_string(iteration) +
                                  " not found");
        }
        throw;
    }
    return json_response(200, Json::object());
}

HttpResponse get_run(Call& call)
{
    const std::string& project = call.params[0];
    const std::string& uid = call.params[1];
    auto run = call.db.find_run_document(project, uid, iteration_of(call));
    if (!run) {
        throw mlrun_error(404, "MLRunNotFoundError",
                          "Run uid " + uid + " of project " + project + " not found");
    }
    return json_response(200, {{"data", run_view(std::move(*run), &call.db)}});
}

HttpResponse delete_run(Call& call)
{
    iteration_of(call);  // validated; every iteration of the uid goes, as on MLRun
    try {
        call.db.delete_run(call.params[0], call.params[1]);
    } catch (const Error& error) {
        if (error.kind() == ErrorKind::not_found) {
            return json_response(200, Json::object());
        }
        throw mlrun_error(400, "MLRunBadRequestError", error.what());
    }
    return json_response(200, Json::object());
}

HttpResponse delete_runs(Call& call)
{
    bool post = false;
    store::RunFilter filter = run_filter(call, &post);
    filter.all_iterations = false;
    const auto days = query_integer(call, "days_ago", 0);
    if (days > 0) {
        filter.since = util::now_micros() - days * 86'400'000'000LL;
    }
    std::vector<std::pair<std::string, std::string>> targets;
    call.db.for_each_run(filter, [&](const model::Run& run) {
        if (!post || post_filter_match(call, model::to_json(run))) {
            targets.emplace_back(run.metadata.project, run.metadata.uid);
        }
    });
    std::size_t failed = 0;
    std::string last_error;
    for (const auto& [project, uid] : targets) {
        try {
            call.db.delete_run(project, uid);
        } catch (const Error& error) {
            ++failed;
            last_error = error.what();
        }
    }
    if (failed != 0) {
        throw mlrun_error(400, "MLRunBadRequestError",
                          "Failed to delete " + std::to_string(failed) +
                              " run(s). Error: " + last_error);
    }
    return json_response(200, Json::object());
}

HttpResponse abort_run(Call& call)
{
    const std::string& project = call.params[0];
    const std::string& uid = call.params[1];
    const std::int64_t iteration = iteration_of(call);
    const auto run = call.db.find_run(project, uid, iteration);
    if (!run) {
        throw mlrun_error(404, "MLRunNotFoundError",
                          "Run uid " + uid + " of project " + project + " not found");
    }
    if (model::is_terminal(run->status.state)) {
        return json_response(202, call.server.finish_task(
                                      "", project, false,
                                      "Run is already in terminal state, can not be aborted", 600));
    }
    try {
        call.db.abort_run(project, uid, iteration);
    } catch (const Error& error) {
        return json_response(202, call.server.finish_task("", project, false, error.what(), 600));
    }
    if (call.server.abort_job) {
        call.server.abort_job(project, uid);
    }
    Json task = call.server.finish_task("", project, true, {}, 600);
    call.db.update_run(project, uid, iteration,
                       {{"status.abort_task_id", task["metadata"]["name"]}});
    return json_response(202, task);
}

HttpResponse list_runs(Call& call)
{
    const Page page = open_page(call);
    bool post = false;
    store::RunFilter filter = run_filter(call, &post);
    const bool partitioned = call.has_query("partition-by");
    ListingWriter out("runs", page);
    if (partitioned) {
        // Partitions need every matching run first (they are few: one row or so per name).
        Json runs = Json::array();
        call.db.for_each_run_document(filter, [&](const Json& run) {
            Json body = run_view(run, nullptr);
            if (!post || post_filter_match(call, body)) {
                runs.push_back(std::move(body));
            }
        });
        const Json parts = partition(std::move(runs), call);
        for (std::size_t i = page.start;
             i < parts.size() && (page.size == 0 || i < page.start + page.size); ++i) {
            out.add(parts[i]);
        }
        return out.finish(call);
    }
    std::size_t seen = 0;
    if (!post) {  // the store skips and stops: no document is read for nothing
        filter.offset = page.start;
        filter.limit = page.size;
        seen = page.start;
    }
    call.db.for_each_run_document(filter, [&](const Json& run) {
        if (page.size != 0 && out.count() >= page.size) {
            return;
        }
        const Json body = run_view(run, nullptr);
        if (post && !post_filter_match(call, body)) {
            return;
        }
        if (seen++ < page.start) {
            return;
        }
        out.add(body);
    });
    return out.finish(call);
}

HttpResponse store_log(Call& call)
{
    const std::string& project = call.params[0];
    const std::string& uid = call.params[1];
    if (query_bool(call, "append", true)) {
        call.db.append_log(project, uid, call.request.body);
    } else {
        call.db.replace_log(project, uid, call.request.body);
    }
    return json_response(200, Json::object());
}

HttpResponse get_log(Call& call)
{
    const std::string& project = call.params[0];
    const std::string& uid = call.params[1];
    const std::int64_t offset = query_integer(call, "offset", 0);
    const std::int64_t size = query_integer(call, "size", -1);
    if (offset < 0) {
        throw mlrun_error(400, "MLRunInvalidArgumentError", "Offset cannot be negative");
    }
    const auto run = call.db.find_run(project, uid, 0);
    if (!run) {
        throw mlrun_error(404, "MLRunNotFoundError",
                          "Run uid " + uid + " of project " + project + " not found");
    }
    std::string bytes;
    if (size != 0) {
        bytes = call.db
                    .read_log(project, uid, static_cast<std::uint64_t>(offset),
                              size < 0 ? 0 : static_cast<std::uint64_t>(size))
                    .bytes;
    }
    return text_response(200, std::move(bytes),
                         {{"x-mlrun-run-state", std::string{model::to_string(run->status.state)}}});
}

HttpResponse get_log_size(Call& call)
{
    const std::string& project = call.params[0];
    const std::string& uid = call.params[1];
    const auto size = call.db.log_size(project, uid);
    if (size == 0 && !call.db.find_run(project, uid, 0)) {
        throw mlrun_error(404, "MLRunNotFoundError",
                          "Log file for " + project + "/" + uid + " not found");
    }
    return json_response(200, {{"size", size}});
}

}  // namespace mlrun::server::detail
