// The HTTP backend: projects.

#include "lib/store/http/http_run_db.hpp"

#include "lib/error.hpp"
#include "lib/model/project.hpp"
#include "lib/store/http/requests.hpp"

namespace mlrun::store {

using namespace http_detail;

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
    // One request, as MLRun's client sends it. The v2 endpoint answers 204 only when there is
    // no such project (a project it deletes is answered 202 with the deletion's background task),
    // so a missing project is an error here as on the local store, with no lookup first.
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
    if (response.status == 204) {
        throw Error("project '" + name + "' not found", ErrorKind::not_found);
    }
    if (response.status == 202) {
        wait_for_task(response.json(), "background-tasks", request.context);
    }
    // Another success (a server that deletes at once) is a deletion, not a missing project.
}

}  // namespace mlrun::store
