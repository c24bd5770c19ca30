// Getting a file named by a URL.

#include "lib/project/fetch.hpp"

#include <cstdio>
#include <memory>

#include "lib/error.hpp"
#include "lib/http/client.hpp"
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
    http::get_url(url, [&](std::string_view bytes) { body.append(bytes); });
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
        bool write_failed = false;
        http::get_url(url, [&](std::string_view bytes) {
            // No exception may cross libcurl's C frames: note the failure, report it after.
            write_failed = write_failed ||
                           std::fwrite(bytes.data(), 1, bytes.size(), file.get()) != bytes.size();
        });
        if (write_failed) {
            throw Error("cannot write " + partial.string());
        }
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
