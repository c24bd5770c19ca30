// `.env` files as MLRun reads and writes them (python-dotenv 0.17 rules): KEY=VALUE lines,
// comments, `export `, single/double quotes, `${VAR}` expansion.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "lib/config/environment.hpp"

namespace mlrun::config {

struct EnvEntry
{
    std::string key;
    std::string value;
};

// Parses `text`; `${VAR}`/`${VAR:-default}` expand from earlier entries, then `environment`.
// Throws Error(usage) naming `source` and the line for a line that is not KEY=VALUE.
std::vector<EnvEntry> parse_env_file(std::string_view text, const std::string& source,
                                     const Environment& environment);

// Returns `text` with each update applied: an existing `KEY=` line is replaced in place
// (written unquoted, `KEY=value`), a new key is appended; all other lines are kept.
std::string set_env_keys(std::string_view text, const std::vector<EnvEntry>& updates);

// The file `mlrun config set/clear` use: `explicit_path` (~ expanded) when given, else
// `$MLRUN_DEFAULT_ENV_FILE`, else `~/.mlrun.env`.
std::filesystem::path default_env_file(const Environment& environment,
                                       const std::string& explicit_path = {});

// Expands a leading `~` or `~/` with $HOME.
std::filesystem::path expand_home(const std::string& path, const Environment& environment);

}  // namespace mlrun::config
