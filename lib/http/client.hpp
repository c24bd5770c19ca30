// An HTTP client for the MLRun API as the Python client speaks it (rest-api.md §1-2): one
// reused connection, MLRun's headers and authentication, retries with backoff on the methods
// and statuses MLRun retries, timeouts, TLS verification, proxies from the environment, and
// errors turned into one line a user understands. Nothing secret ever reaches a message.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lib/config/config.hpp"
#include "lib/config/environment.hpp"
#include "lib/error.hpp"
#include "lib/json.hpp"
#include "lib/reporter.hpp"

namespace mlrun::http {

struct Settings
{
    std::string base_url;  // http(s)://host[:port][/prefix], credentials removed
    std::string api_version = "v1";
    std::string token;     // Authorization: Bearer (or an Iguazio session cookie)
    std::string username;  // basic auth, when the password looks like an Iguazio session
    std::string password;
    bool verify_tls = true;
    int max_retries = 3;
    double backoff_factor = 1.0;  // urllib3 1.26: no sleep before the 1st retry, then 2f, 4f...
    std::vector<long> retry_statuses = {500, 502, 503, 504};
    bool retry_on_exception = true;  // transport failures, 1 s apart
    std::chrono::milliseconds timeout{45'000};
    // The most one call may take, all attempts and waits between them (Retry-After included):
    // http_retry_defaults.deadline, in seconds. A request with a longer own timeout gets that.
    std::chrono::milliseconds deadline{60'000};
    std::size_t max_body_bytes = 256 * 1024 * 1024;  // an answer larger than this is refused
    std::chrono::milliseconds connect_timeout{10'000};
    std::string client_version;
    std::size_t page_size = 20;  // httpdb.pagination.default_page_size
    // Where each retry is told, at debug level ("retrying GET /x 1/3 in 0.5 s: HTTP 503"); none
    // when null.
    Reporter* reporter = nullptr;
};

// The settings of `dbpath` (http[s]://[user:password@]host...) with config.md's keys and
// variables: httpdb.token / MLRUN_AUTH_SESSION / V3IO_ACCESS_KEY, httpdb.user / V3IO_USERNAME,
// httpdb.password / V3IO_PASSWORD, httpdb.http.verify, http_retry_defaults.*.
Settings settings_from_config(const std::string& dbpath, const config::Config& config,
                              const config::Environment& environment);

using Query = std::vector<std::pair<std::string, std::string>>;

struct Request
{
    std::string method = "GET";
    std::string path;  // after /api/<version>/, or starting with /api/ for other versions
    Query query = {};
    std::optional<std::string> body = {};  // JSON unless `content_type` says otherwise
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers = {};
    std::string context;             // what is being done, for error messages ("get run abc")
    std::optional<bool> retry = {};  // default: by method and path, as MLRun decides
    std::optional<std::chrono::milliseconds> timeout = {};
};

struct Response
{
    long status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;

    std::string header(const std::string& lower_case_name) const;
    Json json() const;  // throws Error when the body is not JSON
    bool ok() const { return status >= 200 && status < 300; }
};

// The server's error detail as one line: `{"detail": "MLRunNotFoundError('...')"}`,
// `{"detail": {"reason": "..."}}` and 422 lists all become readable text.
std::string error_detail(const Response& response);

// The Error for a non-2xx response: unauthorized for 401/403, not_found for 404, failed
// otherwise; the message names `context`, the status and the detail.
Error error_for(const Response& response, const std::string& context);

// GETs an absolute http(s) URL that is not the MLRun API (an archive, a hub item), handing the
// body to `sink` as it comes. Throws Error: not_found (404), unauthorized (401/403),
// unreachable (transport), failed (other statuses); messages never show URL passwords.
struct GetOptions
{
    std::uint64_t offset = 0;                  // > 0: a Range request from that byte
    std::function<void(long)> on_status = {};  // the status, before the first body bytes
    std::function<void(std::uint64_t, std::uint64_t)> progress = {};  // done, total (0: unknown)
};
// With an offset, a 416 answer (nothing left) counts as success. Callbacks must not throw.
void get_url(const std::string& url, const std::function<void(std::string_view)>& sink,
             const GetOptions& options = {});

// Percent-encodes one path segment or query value.
std::string escape(const std::string& text);

class Client
{
public:
    explicit Client(Settings settings);
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    const Settings& settings() const { return m_settings; }

    // Sends with retries; returns whatever status came last. Throws Error(unreachable) when
    // the server cannot be reached (after retries).
    Response send(const Request& request);

    // send(), then error_for() unless the status is 2xx.
    Response call(const Request& request);

    // Replaces sleeping between retries (tests).
    void set_sleeper(std::function<void(std::chrono::milliseconds)> sleeper)
    {
        m_sleep = std::move(sleeper);
    }

private:
    Response perform(const Request& request, std::chrono::milliseconds time_left,
                     std::string& transport_error);
    bool may_retry(const Request& request) const;
    void report_retry(const Request& request, int attempt, std::chrono::milliseconds pause,
                      const std::string& reason) const;

    Settings m_settings;
    void* m_curl = nullptr;  // CURL*, reused so that the connection is kept alive
    std::function<void(std::chrono::milliseconds)> m_sleep;
};

}  // namespace mlrun::http
