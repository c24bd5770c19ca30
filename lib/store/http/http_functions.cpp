// The HTTP backend: functions.

#include "lib/store/http/http_run_db.hpp"

#include "lib/model/function.hpp"
#include "lib/store/http/requests.hpp"

namespace mlrun::store {

using namespace http_detail;

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

}  // namespace mlrun::store
