// Layered configuration loading, lowest to highest precedence (config.md §2): env file applied
// over the environment, defaults, MLRUN_CONFIG_FILE, MLRUN_* variables, then command flags.
#pragma once

#include <string>
#include <vector>

#include "lib/config/config.hpp"
#include "lib/config/environment.hpp"

namespace mlrun::config {

struct FlagOverride
{
    std::string key;  // dotted key, e.g. "dbpath"
    Json value;
    std::string origin;  // shown by --show-origin, e.g. "flag --db"
};

struct LoadRequest
{
    Environment environment = {};  // the process environment snapshot
    std::string env_file_flag =
        {};  // `--env-file F`: applied after the default env file, so it wins
    std::vector<FlagOverride> flags = {};
};

struct Loaded
{
    Config config;
    Environment environment;  // the snapshot with env files applied: what child processes get
};

// Throws Error(usage) for a malformed env file or config file (naming file and line), and
// Error(not_found) when `env_file_flag` names a missing file.
Loaded load(const LoadRequest& request);

// `MLRUN_HTTPDB__HTTP__VERIFY` -> "httpdb.http.verify"; empty for names without the prefix.
std::string key_of_variable(std::string_view variable);

// A variable's text as MLRun decodes it: JSON when it parses, else the plain string.
Json decode_variable_value(const std::string& text);

}  // namespace mlrun::config
