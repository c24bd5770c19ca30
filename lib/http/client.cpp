// The MLRun API client's transport, over libcurl.

#include "lib/http/client.hpp"

#include "lib/http/curl_library.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <regex>
#include <thread>

#include "lib/util/redact.hpp"
#include "lib/version.hpp"

namespace mlrun::http {
namespace {

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

double number(const config::Config& config, std::string_view key, double fallback)
{
    const auto* value = config.find(key);
    if (value == nullptr || value->is_null()) {
        return fallback;
    }
    if (value->is_number()) {
        return value->get<double>();
    }
    if (value->is_string()) {
        try {
            return std::stod(value->get<std::string>());
        } catch (const std::exception&) {
            throw Error("configuration " + std::string{key} + " must be a number, not '" +
                            value->get<std::string>() + "'",
                        ErrorKind::usage);
        }
    }
    return fallback;
}

// An Iguazio session key: long, with dashes (mlrun/platforms/iguazio.py).
bool is_session(const std::string& text)
{
    return text.size() > 20 && text.find('-') != std::string::npos;
}

std::string reason_phrase(long status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 412: return "Precondition Failed";
    case 422: return "Unprocessable Entity";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
    }
}

// `MLRunNotFoundError('Run uid x of project p not found')` -> the text inside.
std::string unwrap_exception(const std::string& text)
{
    static const std::regex wrapped{R"(^\w+\((['"])([\s\S]*)\1\)$)"};
    std::smatch match;
    if (std::regex_match(text, match, wrapped)) {
        return match[2].str();
    }
    return text;
}

struct BodySink
{
    std::string& body;
    std::size_t limit;
    bool exceeded = false;
};

std::size_t collect_body(char* data, std::size_t size, std::size_t count, void* target)
{
    auto& sink = *static_cast<BodySink*>(target);
    if (sink.body.size() + size * count > sink.limit) {
        sink.exceeded = true;
        return 0;  // curl stops the transfer
    }
    sink.body.append(data, size * count);
    return size * count;
}

std::size_t collect_header(char* data, std::size_t size, std::size_t count, void* target)
{
    const std::string line{data, size * count};
    auto& headers = *static_cast<std::map<std::string, std::string>*>(target);
    if (line.starts_with("HTTP/")) {
        headers.clear();  // a new response (after a redirect or 100-continue)
    }
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
        auto value = line.substr(colon + 1);
        const auto start = value.find_first_not_of(" \t");
        const auto end = value.find_last_not_of(" \t\r\n");
        value = start == std::string::npos ? "" : value.substr(start, end - start + 1);
        headers[lower(line.substr(0, colon))] = value;
    }
    return size * count;
}

}  // namespace

Settings settings_from_config(const std::string& dbpath, const config::Config& config,
                              const config::Environment& environment)
{
    Settings settings;
    auto url = dbpath;
    while (url.ends_with("/")) {
        url.pop_back();
    }
    // Credentials in the URL are taken out of it (and never shown).
    std::string url_user;
    std::string url_password;
    if (const auto scheme = url.find("://"); scheme != std::string::npos) {
        const auto host = scheme + 3;
        const auto slash = url.find('/', host);
        const auto at = url.rfind('@', slash == std::string::npos ? url.size() : slash);
        if (at != std::string::npos && at >= host) {
            const auto userinfo = url.substr(host, at - host);
            const auto colon = userinfo.find(':');
            url_user = userinfo.substr(0, colon);
            url_password = colon == std::string::npos ? "" : userinfo.substr(colon + 1);
            url = url.substr(0, host) + url.substr(at + 1);
        }
    }
    settings.base_url = url;
    const auto version = config.text("api_base_version");
    settings.api_version = version.empty() ? "v1" : version;
    const auto first = [&](std::initializer_list<std::string> values) {
        for (const auto& value : values) {
            if (!value.empty()) {
                return value;
            }
        }
        return std::string{};
    };
    const auto env = [&](const char* name) {
        return config::lookup(environment, name).value_or("");
    };
    const auto username = first({url_user, config.text("httpdb.user"), env("V3IO_USERNAME")});
    const auto password =
        first({url_password, config.text("httpdb.password"), env("V3IO_PASSWORD")});
    settings.token =
        first({config.text("httpdb.token"), env("MLRUN_AUTH_SESSION"), env("V3IO_ACCESS_KEY")});
    // rest-api.md §1.2: basic auth only for an Iguazio session password or an Iguazio host;
    // against other hosts user/password are dropped and only the token is sent.
    const bool iguazio_host = settings.base_url.find(".default-tenant.") != std::string::npos;
    if (is_session(password)) {
        settings.username = username;
        settings.password = password;
    } else if (iguazio_host && !username.empty() && !settings.token.empty()) {
        settings.username = username;
        settings.password = settings.token;
    }
    settings.verify_tls = config.find("httpdb.http.verify") == nullptr ||
                          config.text("httpdb.http.verify").empty() ||
                          config.flag("httpdb.http.verify");
    settings.max_retries = static_cast<int>(number(config, "http_retry_defaults.max_retries", 3));
    settings.backoff_factor = number(config, "http_retry_defaults.backoff_factor", 1.0);
    const auto deadline = number(config, "http_retry_defaults.deadline", 60.0);
    if (!(deadline > 0 && deadline <= 1e6)) {
        throw Error("http_retry_defaults.deadline must be a number of seconds above 0",
                    ErrorKind::usage);
    }
    settings.deadline = std::chrono::milliseconds{static_cast<std::int64_t>(deadline * 1000)};
    if (const auto* codes = config.find("http_retry_defaults.status_codes");
        codes != nullptr && codes->is_array()) {
        settings.retry_statuses.clear();
        for (const auto& code : *codes) {
            if (code.is_number_integer()) {
                settings.retry_statuses.push_back(code.get<long>());
            }
        }
    }
    const auto on_exception = lower(config.text("httpdb.retry_api_call_on_exception"));
    settings.retry_on_exception = on_exception != "disabled" && on_exception != "false";
    settings.client_version = std::string{build_info().mlrun_version};
    const auto page_size = number(config, "httpdb.pagination.default_page_size", 20);
    if (page_size < 1) {
        throw Error("httpdb.pagination.default_page_size must be at least 1", ErrorKind::usage);
    }
    settings.page_size = static_cast<std::size_t>(page_size);
    return settings;
}

std::string Response::header(const std::string& lower_case_name) const
{
    const auto it = headers.find(lower_case_name);
    return it == headers.end() ? std::string{} : it->second;
}

Json Response::json() const
{
    const auto parsed = try_parse_json(body);
    if (!parsed) {
        throw Error("the MLRun API answered HTTP " + std::to_string(status) +
                    " with a body that is not JSON");
    }
    return *parsed;
}

std::string error_detail(const Response& response)
{
    const auto parsed = try_parse_json(response.body);
    if (!parsed || !parsed->is_object() || !parsed->contains("detail")) {
        auto text = response.body.substr(0, 200);
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
            text.pop_back();
        }
        return text.find('\n') == std::string::npos ? text : std::string{};
    }
    const auto& detail = (*parsed)["detail"];
    if (detail.is_string()) {
        return unwrap_exception(detail.get<std::string>());
    }
    if (detail.is_object()) {
        if (const auto reason = detail.find("reason"); reason != detail.end()) {
            return reason->is_string() ? reason->get<std::string>() : reason->dump();
        }
        return detail.dump();
    }
    if (detail.is_array()) {
        std::string text;
        for (const auto& item : detail) {
            std::string where;
            if (item.contains("loc") && item["loc"].is_array()) {
                for (const auto& part : item["loc"]) {
                    where += (where.empty() ? "" : ".") +
                             (part.is_string() ? part.get<std::string>() : part.dump());
                }
            }
            const auto message = item.value("msg", std::string{"invalid"});
            text += (text.empty() ? "" : "; ") + (where.empty() ? "" : where + ": ") + message;
        }
        return text;
    }
    return detail.dump();
}

Error error_for(const Response& response, const std::string& context)
{
    const auto status = response.status;
    const auto reason = reason_phrase(status);
    const auto detail = error_detail(response);
    std::string message = context + ": ";
    ErrorKind kind = ErrorKind::failed;
    if (status == 401 || status == 403) {
        message += "not authorised";
        kind = ErrorKind::unauthorized;
    } else if (status == 404) {
        message += "not found";
        kind = ErrorKind::not_found;
    } else if (status == 409) {
        message += "already exists";
    } else {
        message += "the MLRun API answered";
    }
    message += " (HTTP " + std::to_string(status) + (reason.empty() ? "" : " " + reason) + ")";
    if (!detail.empty()) {
        message += ": " + util::redact_url_password(detail);
    }
    return Error(message, kind);
}

namespace {

std::size_t to_sink(char* data, std::size_t size, std::size_t count, void* target)
{
    (*static_cast<const std::function<void(std::string_view)>*>(target))(
        std::string_view{data, size * count});
    return size * count;
}

}  // namespace

static int report_progress(void* target, curl_off_t total, curl_off_t done, curl_off_t, curl_off_t)
{
    const auto& progress =
        *static_cast<const std::function<void(std::uint64_t, std::uint64_t)>*>(target);
    progress(static_cast<std::uint64_t>(done), static_cast<std::uint64_t>(total));
    return 0;
}

void get_url(const std::string& url, const std::function<void(std::string_view)>& sink,
             const GetOptions& options)
{
    const auto& api = detail::curl();
    std::unique_ptr<CURL, decltype(api.easy_cleanup)> curl{api.easy_init(), api.easy_cleanup};
    if (!curl) {
        throw Error("cannot start an HTTP transfer (libcurl)");
    }
    char message[CURL_ERROR_SIZE] = {};
    api.easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    api.easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
    api.easy_setopt(curl.get(), CURLOPT_MAXREDIRS, 5L);
    api.easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 15L);
    api.easy_setopt(curl.get(), CURLOPT_LOW_SPEED_LIMIT, 1L);
    api.easy_setopt(curl.get(), CURLOPT_LOW_SPEED_TIME, 60L);
    api.easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    api.easy_setopt(curl.get(), CURLOPT_FAILONERROR, 0L);
    api.easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, message);
    std::string error_body;
    long status = 0;
    const std::function<void(std::string_view)> checked = [&](std::string_view bytes) {
        if (status == 0) {
            api.easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
            if (options.on_status) {
                options.on_status(status);
            }
        }
        if (status >= 400) {
            error_body.append(bytes.substr(0, 200));
        } else {
            sink(bytes);
        }
    };
    api.easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, to_sink);
    api.easy_setopt(curl.get(), CURLOPT_WRITEDATA, &checked);
    api.easy_setopt(curl.get(), CURLOPT_USERAGENT, "mlrun-native");
    if (options.offset > 0) {
        api.easy_setopt(curl.get(), CURLOPT_RESUME_FROM_LARGE,
                        static_cast<curl_off_t>(options.offset));
    }
    if (options.progress) {
        api.easy_setopt(curl.get(), CURLOPT_NOPROGRESS, 0L);
        api.easy_setopt(curl.get(), CURLOPT_XFERINFOFUNCTION, report_progress);
        api.easy_setopt(curl.get(), CURLOPT_XFERINFODATA, &options.progress);
    }
    const auto shown = util::redact_url_password(url);
    const auto code = api.easy_perform(curl.get());
    if (code == CURLE_RANGE_ERROR || (options.offset > 0 && code == CURLE_HTTP_RETURNED_ERROR)) {
        api.easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
        if (status == 416) {
            return;  // nothing left to fetch
        }
    }
    if (code != CURLE_OK) {
        throw Error("cannot fetch " + shown + ": " +
                        (message[0] ? std::string{message} : api.easy_strerror(code)),
                    ErrorKind::unreachable);
    }
    api.easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
    if (status == 416 && options.offset > 0) {
        return;
    }
    if (status == 404) {
        throw Error("cannot fetch " + shown + ": not found (HTTP 404)", ErrorKind::not_found);
    }
    if (status >= 400) {
        throw Error("cannot fetch " + shown + ": HTTP " + std::to_string(status),
                    status == 401 || status == 403 ? ErrorKind::unauthorized : ErrorKind::failed);
    }
}

std::string escape(const std::string& text)
{
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const char raw : text) {
        const auto c = static_cast<unsigned char>(raw);
        if (std::isalnum(c) != 0 || raw == '-' || raw == '_' || raw == '.' || raw == '~') {
            out += raw;
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

Client::Client(Settings settings) : m_settings(std::move(settings))
{
    m_sleep = [](std::chrono::milliseconds duration) { std::this_thread::sleep_for(duration); };
}

Client::~Client()
{
    if (m_curl != nullptr) {  // only set once libcurl was loaded
        detail::curl().easy_cleanup(static_cast<CURL*>(m_curl));
    }
}

bool Client::may_retry(const Request& request) const
{
    if (request.retry) {
        return *request.retry;
    }
    const auto& method = request.method;
    if (method == "GET" || method == "PUT" || method == "DELETE" || method == "PATCH" ||
        method == "HEAD" || method == "OPTIONS") {
        return true;
    }
    // rest-api.md §1.3: only the idempotent store paths are retried for POST.
    static const std::regex idempotent_post{R"(^(projects/.+/artifacts/.+/.+|run/.+/.+)$)"};
    return method == "POST" && std::regex_match(request.path, idempotent_post);
}

Response Client::perform(const Request& request, std::chrono::milliseconds time_left,
                         std::string& transport_error)
{
    const auto& api = detail::curl();
    if (m_curl == nullptr) {
        m_curl = api.easy_init();
        if (m_curl == nullptr) {
            throw Error("cannot start an HTTP client (libcurl)");
        }
    }
    auto* curl = static_cast<CURL*>(m_curl);
    api.easy_reset(curl);  // keeps the connection cache, so the connection is reused
    std::string url = m_settings.base_url;
    if (request.path.starts_with("/api/")) {
        url += request.path;
    } else {
        url += "/api/" + m_settings.api_version + "/" + request.path;
    }
    std::string query;
    for (const auto& [key, value] : request.query) {
        query += (query.empty() ? "?" : "&") + escape(key) + "=" + escape(value);
    }
    url += query;
    Response response;
    char message[CURL_ERROR_SIZE] = {};
    api.easy_setopt(curl, CURLOPT_URL, url.c_str());
    api.easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (request.method == "GET") {
        api.easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    }
    api.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    api.easy_setopt(curl, CURLOPT_ERRORBUFFER, message);
    api.easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
    BodySink sink{response.body, m_settings.max_body_bytes};
    api.easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    api.easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
    api.easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
    api.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                    static_cast<long>(m_settings.connect_timeout.count()));
    api.easy_setopt(
        curl, CURLOPT_TIMEOUT_MS,
        static_cast<long>(std::max<std::int64_t>(
            1, std::min(request.timeout.value_or(m_settings.timeout), time_left).count())));
    api.easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, m_settings.verify_tls ? 1L : 0L);
    api.easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, m_settings.verify_tls ? 2L : 0L);
    api.easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
    const auto agent = "mlrun-native/" + std::string{build_info().tool_version} + " mlrun/" +
                       m_settings.client_version;
    api.easy_setopt(curl, CURLOPT_USERAGENT, agent.c_str());
    if (request.body) {
        api.easy_setopt(curl, CURLOPT_POSTFIELDS, request.body->data());
        api.easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                        static_cast<curl_off_t>(request.body->size()));
    }
    std::unique_ptr<curl_slist, decltype(api.slist_free_all)> headers{nullptr, api.slist_free_all};
    const auto add_header = [&](const std::string& line) {
        headers.reset(api.slist_append(headers.release(), line.c_str()));
    };
    add_header("x-mlrun-client-version: " + m_settings.client_version);
    add_header("Accept: application/json");
    add_header("Expect:");
    if (request.body) {
        add_header("Content-Type: " + request.content_type);
    }
    if (!m_settings.username.empty()) {
        api.easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        api.easy_setopt(curl, CURLOPT_USERNAME, m_settings.username.c_str());
        api.easy_setopt(curl, CURLOPT_PASSWORD, m_settings.password.c_str());
    } else if (!m_settings.token.empty()) {
        if (is_session(m_settings.token)) {
            add_header("Cookie: session=j:{\"sid\": \"" + m_settings.token + "\"}");
        } else {
            add_header("Authorization: Bearer " + m_settings.token);
        }
    }
    for (const auto& [name, value] : request.headers) {
        add_header(name + ": " + value);
    }
    api.easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
    const auto code = api.easy_perform(curl);
    if (sink.exceeded) {
        throw Error("the MLRun API at " + util::redact_url_password(m_settings.base_url) +
                    " answered more than " + std::to_string(m_settings.max_body_bytes >> 20) +
                    " MiB to " + request.method + " " + request.path + "; the answer was refused");
    }
    if (code != CURLE_OK) {
        transport_error = message[0] != '\0' ? message : api.easy_strerror(code);
        return {};
    }
    api.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    return response;
}

void Client::report_retry(const Request& request, int attempt, std::chrono::milliseconds pause,
                          const std::string& reason) const
{
    if (m_settings.reporter == nullptr) {
        return;
    }
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", static_cast<double>(pause.count()) / 1000.0);
    m_settings.reporter->log(LogLevel::debug, "retrying " + request.method + " " + request.path +
                                                  " " + std::to_string(attempt) + "/" +
                                                  std::to_string(m_settings.max_retries) + " in " +
                                                  seconds +
                                                  " s: " + util::redact_url_password(reason));
}

Response Client::send(const Request& request)
{
    const bool retriable = may_retry(request);
    int status_retries = 0;
    int transport_retries = 0;
    using std::chrono::milliseconds;
    const auto started = std::chrono::steady_clock::now();
    const auto deadline = std::max(m_settings.deadline, request.timeout.value_or(milliseconds{0}));
    const auto time_left = [&] {
        return deadline -
               std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - started);
    };
    while (true) {
        std::string transport_error;
        auto response = perform(request, time_left(), transport_error);
        if (!transport_error.empty()) {
            if (retriable && m_settings.retry_on_exception &&
                transport_retries < m_settings.max_retries && time_left() > milliseconds{1000}) {
                ++transport_retries;
                report_retry(request, transport_retries, milliseconds{1000}, transport_error);
                m_sleep(milliseconds{1000});
                continue;
            }
            const auto waited = time_left() <= milliseconds{1000}
                                    ? " (gave up after " + std::to_string(deadline.count() / 1000) +
                                          "s, http_retry_defaults.deadline)"
                                    : std::string{};
            throw Error("cannot reach the MLRun API at " +
                            util::redact_url_password(m_settings.base_url) + ": " +
                            transport_error + waited,
                        ErrorKind::unreachable,
                        "check MLRUN_DBPATH (or --db), and that the API server is running");
        }
        const bool retry_status =
            std::find(m_settings.retry_statuses.begin(), m_settings.retry_statuses.end(),
                      response.status) != m_settings.retry_statuses.end();
        if (!retriable || !retry_status || status_retries >= m_settings.max_retries) {
            return response;
        }
        ++status_retries;
        auto delay = status_retries == 1 ? 0.0
                                         : m_settings.backoff_factor *
                                               static_cast<double>(1 << (status_retries - 1));
        if (response.status == 503) {
            const auto after = response.header("retry-after");
            if (!after.empty() && std::all_of(after.begin(), after.end(), ::isdigit)) {
                delay = std::max(delay, std::min(std::stod(after), 120.0));
            }
        }
        const milliseconds pause{static_cast<std::int64_t>(delay * 1000)};
        if (pause >= time_left()) {
            return response;  // no time left to wait for another answer: this one stands
        }
        report_retry(request, status_retries, pause, "HTTP " + std::to_string(response.status));
        m_sleep(pause);
    }
}

Response Client::call(const Request& request)
{
    auto response = send(request);
    if (!response.ok()) {
        throw error_for(response, request.context.empty() ? request.method + " " + request.path
                                                          : request.context);
    }
    return response;
}

}  // namespace mlrun::http
