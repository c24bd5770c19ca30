// The API client's pure parts: error bodies, error kinds and messages, settings and
// authentication from the configuration.

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <atomic>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include "lib/config/load.hpp"
#include "lib/error.hpp"
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

// A misbehaving server on 127.0.0.1: accepts connections and hands each to `serve`.
class HostileServer
{
public:
    explicit HostileServer(std::function<void(int)> serve) : m_serve(std::move(serve))
    {
        m_socket = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(m_socket, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        socklen_t size = sizeof address;
        ::getsockname(m_socket, reinterpret_cast<sockaddr*>(&address), &size);
        m_port = ntohs(address.sin_port);
        ::listen(m_socket, 16);
        m_thread = std::thread([this] {
            while (!m_stop) {
                const int client = ::accept(m_socket, nullptr, nullptr);
                if (client < 0) {
                    return;
                }
                m_clients.push_back(client);
                m_serve(client);
            }
        });
    }
    ~HostileServer()
    {
        m_stop = true;
        ::shutdown(m_socket, SHUT_RDWR);
        ::close(m_socket);
        m_thread.join();
        for (const int client : m_clients) {
            ::close(client);
        }
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

private:
    std::function<void(int)> m_serve;
    int m_socket = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::vector<int> m_clients;
    std::thread m_thread;
};

}  // namespace

TEST_CASE("http: a server that accepts and never answers is given up on at the deadline")
{
    HostileServer silent{[](int) {}};
    http::Settings settings;
    settings.base_url = silent.url();
    settings.timeout = std::chrono::milliseconds{400};
    settings.deadline = std::chrono::milliseconds{1500};
    http::Client client{settings};
    int sleeps = 0;
    client.set_sleeper([&](std::chrono::milliseconds pause) {
        ++sleeps;
        std::this_thread::sleep_for(pause / 10);
    });
    http::Request request;
    request.path = "projects";
    CHECK_THROWS_WITH_AS(client.call(request),
                         doctest::Contains("(gave up after 1s, http_retry_defaults.deadline)"),
                         Error);
    CHECK(sleeps < 3);  // the deadline, not the retry count, ended it
}

TEST_CASE("http: Retry-After longer than the time left is not waited for")
{
    HostileServer busy{[](int client) {
        char buffer[4096];
        [[maybe_unused]] const auto got = ::read(client, buffer, sizeof buffer);
        const std::string answer = "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 100\r\n"
                                   "Content-Length: 0\r\nConnection: close\r\n\r\n";
        [[maybe_unused]] const auto sent = ::write(client, answer.data(), answer.size());
    }};
    http::Settings settings;
    settings.base_url = busy.url();
    settings.deadline = std::chrono::milliseconds{5000};
    http::Client client{settings};
    std::vector<std::chrono::milliseconds> pauses;
    client.set_sleeper([&](std::chrono::milliseconds pause) { pauses.push_back(pause); });
    http::Request request;
    request.path = "projects";
    CHECK(client.send(request).status == 503);
    // The first retry comes at once (urllib3), the Retry-After of 100 s is beyond the deadline.
    for (const auto pause : pauses) {
        CHECK(pause < std::chrono::milliseconds{5000});
    }
}

TEST_CASE("http: an endless answer is cut at the body size limit")
{
    HostileServer endless{[](int client) {
        char buffer[4096];
        [[maybe_unused]] const auto got = ::read(client, buffer, sizeof buffer);
        const std::string head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[";
        [[maybe_unused]] auto sent = ::write(client, head.data(), head.size());
        const std::string chunk(64 * 1024, '1');
        for (int i = 0; i < 64 && sent > 0; ++i) {  // 4 MiB, more than the limit
            sent = ::write(client, chunk.data(), chunk.size());
        }
    }};
    http::Settings settings;
    settings.base_url = endless.url();
    settings.max_body_bytes = 1024 * 1024;
    http::Client client{settings};
    client.set_sleeper([](std::chrono::milliseconds) {});
    http::Request request;
    request.path = "projects";
    CHECK_THROWS_WITH_AS(client.call(request), doctest::Contains("answered more than 1 MiB"),
                         Error);
}

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
