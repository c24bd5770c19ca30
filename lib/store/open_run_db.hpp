// Chooses the backend for a configured `dbpath`: the embedded SQLite store for an empty value,
// a path or `sqlite:///path`; the MLRun API for `http(s)://`.
#pragma once

#include <memory>
#include <string>

#include "lib/http/client.hpp"
#include "lib/store/run_db.hpp"

namespace mlrun::store {

enum class Access
{
    read,   // a missing local store reads as empty and is not created
    write,  // the local store is created when missing
    // Read until the first write, which reopens the local store for writing (UpgradingRunDB):
    // what commands use, so that none chooses a handle.
    read_then_write,
};

// `store_home` is where the default store file lives ($MLRUN_HOME, else ~/.mlrun).
// Throws Error(usage) for an unsupported URL scheme.
// `http` configures the API client when `dbpath` is http(s)://.
std::unique_ptr<RunDB> open_run_db(const std::string& dbpath, const std::string& store_home,
                                   Access access, const http::Settings& http = {});

bool is_remote(const std::string& dbpath);

}  // namespace mlrun::store
