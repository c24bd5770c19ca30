// lib/server's Api in-process (no HTTP): routing, authentication, MLRun's error bodies, paging,
// on an in-memory store.

#include <doctest/doctest.h>

#include "lib/server/api.hpp"
#include "lib/server/api_call.hpp"
#include "lib/store/sqlite/sqlite_run_db.hpp"
#include "tests/support/temp_dir.hpp"

namespace mlrun {
namespace {

using server::HttpRequest;
using server::HttpResponse;

class Served
{
public:
    explicit Served(server::ApiOptions options = {})
        : m_api(std::move(options), [this] {
              return std::make_unique<store::SqliteRunDB>((m_dir / "store.db").string(),
                                                          store::sqlite::OpenMode::read_write);
          })
    {
    }

    HttpResponse call(std::string method, std::string path, std::string body = {},
                      server::Fields query = {}, server::Fields headers = {})
    {
        HttpRequest request;
        request.method = std::move(method);
        request.path = std::move(path);
        request.body = std::move(body);
        request.query = std::move(query);
        request.headers = std::move(headers);
        return m_api.handle(request);
    }

    HttpResponse handle(const HttpRequest& request) { return m_api.handle(request); }

private:
    test::TempDir m_dir;
    server::Api m_api;
};

Json json_of(const HttpResponse& response)
{
    return parse_json(response.body);
}

const std::string* header(const HttpResponse& response, std::string_view name)
{
    for (const auto& [key, value] : response.headers) {
        if (key == name) {
            return &value;
        }
    }
    return nullptr;
}

}  // namespace

TEST_CASE("api: routes, methods and MLRun's error bodies")
{
    Served served;
    const auto health = served.call("GET", "/api/v1/healthz");
    CHECK(health.status == 200);
    CHECK(json_of(health)["status"] == "ok");
    REQUIRE(header(health, "x-mlrun-be-version") != nullptr);
    CHECK(served.call("GET", "/api/v2/healthz").status == 200);
    CHECK(served.call("PUT", "/api/v1/healthz").status == 405);
    CHECK(json_of(served.call("GET", "/api/v1/nope"))["detail"] == "Not Found");
    CHECK(served.call("GET", "/api/v3/projects").status == 404);
    CHECK(served.call("GET", "/elsewhere").status == 404);

    CHECK(served.call("POST", "/api/v1/projects", R"({"metadata": {"name": "p"}})").status == 201);
    const auto conflict = served.call("POST", "/api/v1/projects", R"({"metadata": {"name": "p"}})");
    CHECK(conflict.status == 409);
    CHECK(json_of(conflict)["detail"] ==
          "MLRunConflictError('Conflict - at least one of the objects already exists: p,p')");
    const auto missing = served.call("GET", "/api/v1/projects/q");
    CHECK(json_of(missing)["detail"] ==
          "MLRunNotFoundError('Project not found: name=q, project_id=None')");
    CHECK(served.call("POST", "/api/v1/projects", "not json").status == 422);
    CHECK(served.call("GET", "/api/v1/projects/p/runs/../x").status == 400);
    CHECK(served.call("POST", "/api/v1/build/function", "{}").status == 400);
}

TEST_CASE("api: a token guards everything but health and client-spec; bodies over the limit")
{
    Served served{{.token = "s3cret"}};
    CHECK(served.call("GET", "/api/v1/healthz").status == 200);
    CHECK(served.call("GET", "/api/v1/client-spec").status == 200);
    const auto none = served.call("GET", "/api/v1/projects");
    CHECK(none.status == 401);
    CHECK(json_of(none)["detail"] == "MLRunUnauthorizedError('Missing bearer auth header')");
    CHECK(
        served.call("GET", "/api/v1/projects", {}, {}, {{"authorization", "Bearer nope"}}).status ==
        401);
    CHECK(served.call("GET", "/api/v1/projects", {}, {}, {{"authorization", "Bearer s3cret"}})
              .status == 200);

    // The transport marks a body over its limit; nothing of it is kept.
    HttpRequest huge;
    huge.method = "POST";
    huge.path = "/api/v1/projects/p/logs/u1";
    huge.body_too_large = true;
    CHECK(served.handle(huge).status == 413);
    CHECK(served
              .call("GET", "/api/v1/projects/p/logs/u1/size", {}, {},
                    {{"authorization", "Bearer s3cret"}})
              .status == 404);
}

TEST_CASE("api: runs kept as sent, listed newest first in pages that keep their filters")
{
    Served served;
    REQUIRE(served.call("POST", "/api/v1/projects", R"({"metadata": {"name": "p"}})").status ==
            201);
    for (int i = 0; i < 5; ++i) {
        const Json run = {{"metadata", {{"name", "r"}, {"labels", {{"team", i < 3 ? "a" : "b"}}}}},
                          {"spec", {{"custom", i}}},
                          {"status",
                           {{"state", "completed"},
                            {"start_time", "2026-01-0" + std::to_string(i + 1) + "T00:00:00"}}}};
        REQUIRE(served.call("POST", "/api/v1/projects/p/runs/u" + std::to_string(i), run.dump())
                    .status == 200);
    }
    const auto one = json_of(served.call("GET", "/api/v1/projects/p/runs/u1"))["data"];
    CHECK(one["spec"] == Json{{"custom", 1}});  // as sent: no sections added
    CHECK(one["status"].contains("last_update"));

    const auto first =
        json_of(served.call("GET", "/api/v1/projects/p/runs", {},
                            {{"label", "team=a"}, {"page", "1"}, {"page-size", "2"}}));
    REQUIRE(first["runs"].size() == 2);
    CHECK(first["runs"][0]["metadata"]["uid"] == "u2");
    const std::string token = first["pagination"]["page-token"];
    const auto second =
        json_of(served.call("GET", "/api/v1/projects/p/runs", {}, {{"page-token", token}}));
    REQUIRE(second["runs"].size() == 1);
    CHECK(second["runs"][0]["metadata"]["uid"] == "u0");
    CHECK(served.call("GET", "/api/v1/projects/p/runs", {}, {{"page-token", token}}).status == 404);
    CHECK(served.call("GET", "/api/v1/projects/p/runs", {}, {{"iter", "maybe"}}).status == 422);

    CHECK(
        served.call("PATCH", "/api/v1/projects/p/runs/u1", R"({"status.state": "error"})").status ==
        200);
    const auto patched = json_of(served.call("GET", "/api/v1/projects/p/runs/u1"))["data"];
    CHECK(patched["status"]["state"] == "error");
    CHECK(patched["spec"] == Json{{"custom", 1}});
}

TEST_CASE("python_repr quotes as Python does")
{
    CHECK(server::detail::python_repr("plain") == "'plain'");
    CHECK(server::detail::python_repr("it's") == "\"it's\"");
    CHECK(server::detail::python_repr("both ' and \"") == "'both \\' and \"'");
}

}  // namespace mlrun
