// The RunDB of a remote MLRun API server: the connection, paging and background tasks.

#include "lib/store/http/http_run_db.hpp"

#include <algorithm>
#include <thread>

#include "lib/error.hpp"
#include "lib/store/http/requests.hpp"

namespace mlrun::store {

using namespace http_detail;

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
    // Quick first looks (most tasks finish within a second), backing off to the poll interval.
    auto pause = std::min(std::chrono::milliseconds{250}, m_poll_interval);
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
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, m_poll_interval);
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

}  // namespace mlrun::store
