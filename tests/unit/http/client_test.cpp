// The API client's pure parts: error bodies, error kinds and messages, settings and
// authentication from the configuration.

#include <doctest/doctest.h>

#include "lib/config/load.hpp"
#include "lib/http/client.hpp"

using namespace mlrun;

namespace {

http::Response response(long status, std::string body)
{
    http::Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

http::Settings settings_for(const std::string& dbpath, config::Environment environment)
{
    environment["MLRUN_IGNORE_ENV_FILE"] = "1";
    environment["HOME"] = "/nonexistent";
    config::LoadRequest request;
    request.environment = environment;
    const auto loaded = config::load(request);
    return http::settings_from_config(dbpath, loaded.config, environment);
}

}  // namespace

TEST_CASE("http: the three error-body shapes become one line")
{
    CHECK(http::error_detail(response(
              404, R"j({"detail":"MLRunNotFoundError('Run uid x of project p not found')"})j")) ==
          "Run uid x of project p not found");
    CHECK(http::error_detail(
              response(404, R"j({"detail":"MLRunNotFoundError(\"it's gone\")"})j")) == "it's gone");
    CHECK(http::error_detail(response(400, R"j({"detail":{"reason":"bad JSON body"}})j")) ==
          "bad JSON body");
    CHECK(
        http::error_detail(response(
            422, R"j({"detail":[{"loc":["query","iter"],"msg":"value is not a valid integer",)j"
                 R"j("type":"type_error.integer"},{"loc":["body"],"msg":"field required"}]})j")) ==
        "query.iter: value is not a valid integer; body: field required");
    CHECK(http::error_detail(response(502, "<html>\n<body>bad gateway</body>\n</html>")) == "");
    CHECK(http::error_detail(response(500, "plain text")) == "plain text");
}

TEST_CASE("http: statuses map to error kinds with the context named")
{
    auto error = http::error_for(
        response(401, R"j({"detail":"MLRunUnauthorizedError('Token did not match')"})j"),
        "list projects");
    CHECK(error.kind() == ErrorKind::unauthorized);
    CHECK(std::string{error.what()} ==
          "list projects: not authorised (HTTP 401 Unauthorized): Token did not match");
    error = http::error_for(response(403, "{}"), "get project p");
    CHECK(error.kind() == ErrorKind::unauthorized);
    error = http::error_for(response(404, R"j({"detail":"Not Found"})j"), "get run u");
    CHECK(error.kind() == ErrorKind::not_found);
    error = http::error_for(response(409, R"j({"detail":"MLRunConflictError('exists: p')"})j"),
                            "create project p");
    CHECK(std::string{error.what()} ==
          "create project p: already exists (HTTP 409 Conflict): exists: p");
    error = http::error_for(response(503, ""), "submit run r");
    CHECK(error.kind() == ErrorKind::failed);
    CHECK(std::string{error.what()} ==
          "submit run r: the MLRun API answered (HTTP 503 Service Unavailable)");
}

TEST_CASE("http: settings and authentication as MLRun's client resolves them")
{
    auto settings = settings_for("http://api:8080/", {{"MLRUN_HTTPDB__TOKEN", "tok"}});
    CHECK(settings.base_url == "http://api:8080");
    CHECK(settings.token == "tok");
    CHECK(settings.username.empty());
    CHECK(settings.verify_tls);
    CHECK(settings.max_retries == 3);
    CHECK(settings.page_size == 20);
    CHECK(settings.client_version == "1.7.0");

    // A short user:password in the URL is dropped against a non-Iguazio host; the token stays.
    settings = settings_for("https://me:short@api", {{"V3IO_ACCESS_KEY", "key"}});
    CHECK(settings.base_url == "https://api");
    CHECK(settings.username.empty());
    CHECK(settings.token == "key");
    // A session-like password means basic auth.
    settings = settings_for("https://me:abcdef-0123456789-abcdef@api", {});
    CHECK(settings.username == "me");
    CHECK(settings.password == "abcdef-0123456789-abcdef");
    // An Iguazio host uses basic auth with the user and the access key.
    settings = settings_for("https://mlrun-api.default-tenant.app.x.com",
                            {{"V3IO_USERNAME", "admin"}, {"V3IO_ACCESS_KEY", "k-e-y"}});
    CHECK(settings.username == "admin");
    CHECK(settings.password == "k-e-y");
    // Precedence of tokens: httpdb.token, then MLRUN_AUTH_SESSION, then V3IO_ACCESS_KEY.
    settings = settings_for("http://api", {{"MLRUN_AUTH_SESSION", "s"}, {"V3IO_ACCESS_KEY", "k"}});
    CHECK(settings.token == "s");

    settings = settings_for("http://api", {{"MLRUN_HTTPDB__HTTP__VERIFY", "false"},
                                           {"MLRUN_HTTP_RETRY_DEFAULTS__MAX_RETRIES", "5"},
                                           {"MLRUN_HTTP_RETRY_DEFAULTS__BACKOFF_FACTOR", "0.5"},
                                           {"MLRUN_HTTPDB__PAGINATION__DEFAULT_PAGE_SIZE", "100"}});
    CHECK_FALSE(settings.verify_tls);
    CHECK(settings.max_retries == 5);
    CHECK(settings.backoff_factor == 0.5);
    CHECK(settings.page_size == 100);
    CHECK_THROWS_AS(
        settings_for("http://api", {{"MLRUN_HTTPDB__PAGINATION__DEFAULT_PAGE_SIZE", "0"}}), Error);
}

TEST_CASE("http: escaping query values and path segments")
{
    CHECK(http::escape("a b/c?d=e&f") == "a%20b%2Fc%3Fd%3De%26f");
    CHECK(http::escape("run-1_x.y~z") == "run-1_x.y~z");
}

TEST_CASE("http: an unreachable server is one clear error, after the retries")
{
    http::Settings settings;
    settings.base_url = "http://127.0.0.1:1";
    settings.client_version = "1.7.0";
    http::Client client{settings};
    int sleeps = 0;
    client.set_sleeper([&](std::chrono::milliseconds) { ++sleeps; });
    http::Request request;
    request.path = "projects";
    try {
        client.call(request);
        FAIL("no error");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::unreachable);
        CHECK(std::string{error.what()}.starts_with("cannot reach the MLRun API at "
                                                    "http://127.0.0.1:1: "));
    }
    CHECK(sleeps == 3);
    // POST submit_job is never retried.
    sleeps = 0;
    request.method = "POST";
    request.path = "submit_job";
    CHECK_THROWS_AS(client.call(request), Error);
    CHECK(sleeps == 0);
}
