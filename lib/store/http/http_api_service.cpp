// The HTTP backend: what only an MLRun API does (storage reads, submit, build, deploy).

#include "lib/store/http/http_run_db.hpp"

#include <cstdio>
#include <cstdlib>

#include "lib/model/function.hpp"
#include "lib/store/http/requests.hpp"

namespace mlrun::store {

using namespace http_detail;

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
