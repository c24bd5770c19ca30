// The HTTP backend: schedules.

#include "lib/store/http/http_run_db.hpp"

#include "lib/store/http/requests.hpp"

namespace mlrun::store {

using namespace http_detail;

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

}  // namespace mlrun::store
