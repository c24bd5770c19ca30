// Getting a file named by a URL: a local path, file://, or http(s):// (libcurl).
#pragma once

#include <filesystem>
#include <string>

namespace mlrun::project {

// Whether `fetch` can get `url` (a path, file:// or http(s)://).
bool fetchable(const std::string& url);

// The bytes of `url`. Throws Error(not_found) for a missing file or an HTTP 404,
// Error(unreachable) for transport failures; messages never show URL passwords.
std::string fetch(const std::string& url);

// Downloads `url` to `destination` (through a temporary file, renamed when complete).
void download(const std::string& url, const std::filesystem::path& destination);

}  // namespace mlrun::project
