// Getting a file named by a URL.

#include "lib/project/fetch.hpp"

#include <curl/curl.h>

#include <cstdio>
#include <memory>

#include "lib/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/redact.hpp"

namespace mlrun::project {
namespace {

bool is_http(const std::string& url)
{
    return url.starts_with("http://") || url.starts_with("https://");
}

std::string local_path(const std::string& url)
{
    return url.starts_with("file://") ? url.substr(7) : url;
}

std::size_t append(char* data, std::size_t size, std::size_t count, void* target)
{
    static_cast<std::string*>(target)->append(data, size * count);
    return size * count;
}

std::size_t write_to(char* data, std::size_t size, std::size_t count, void* target)
{
    return std::fwrite(data, size, count, static_cast<std::FILE*>(target)) * size;
}

// GETs `url`, handing the body to `write`; throws on failure or an HTTP error status.
void http_get(const std::string& url, curl_write_callback write, void* target)
{
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl{curl_easy_init(), curl_easy_cleanup};
    if (!curl) {
        throw Error("cannot start an HTTP transfer (libcurl)");
    }
    char message[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, 15L);
    curl_easy_setopt(curl.get(), CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, message);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, write);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, target);
    curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "mlrun-native");
    const auto shown = util::redact_url_password(url);
    const auto code = curl_easy_perform(curl.get());
    if (code != CURLE_OK) {
        throw Error("cannot fetch " + shown + ": " +
                        (message[0] ? std::string{message} : curl_easy_strerror(code)),
                    ErrorKind::unreachable);
    }
    long status = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
    if (status == 404) {
        throw Error("cannot fetch " + shown + ": not found (HTTP 404)", ErrorKind::not_found);
    }
    if (status >= 400) {
        throw Error("cannot fetch " + shown + ": HTTP " + std::to_string(status),
                    status == 401 || status == 403 ? ErrorKind::unauthorized : ErrorKind::failed);
    }
}

}  // namespace

bool fetchable(const std::string& url)
{
    return url.find("://") == std::string::npos || url.starts_with("file://") || is_http(url);
}

std::string fetch(const std::string& url)
{
    if (!is_http(url)) {
        if (!fetchable(url)) {
            throw Error("cannot read " + util::redact_url_password(url) + ": the '" +
                            url.substr(0, url.find("://")) +
                            "' scheme needs an MLRun API server (not configured)",
                        ErrorKind::failed);
        }
        return util::read_file(local_path(url));
    }
    std::string body;
    http_get(url, append, &body);
    return body;
}

void download(const std::string& url, const std::filesystem::path& destination)
{
    if (!is_http(url)) {
        util::write_file_atomically(destination, fetch(url));
        return;
    }
    auto partial = destination;
    partial += ".part";
    std::unique_ptr<std::FILE, decltype(&std::fclose)> file{std::fopen(partial.c_str(), "wb"),
                                                            std::fclose};
    if (!file) {
        throw Error("cannot write " + partial.string());
    }
    try {
        http_get(url, write_to, file.get());
    } catch (...) {
        file.reset();
        std::filesystem::remove(partial);
        throw;
    }
    if (std::fflush(file.get()) != 0) {
        throw Error("cannot write " + partial.string());
    }
    file.reset();
    std::filesystem::rename(partial, destination);
}

}  // namespace mlrun::project
