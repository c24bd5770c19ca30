// The effective client configuration: MLRun's nested key tree plus where each value came from.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "lib/json.hpp"

namespace mlrun::config {

// MLRun's defaults for every key this tool knows (config.md §7).
Json default_tree();

class Config
{
public:
    Config();  // the defaults
    Config(Json tree, std::map<std::string, std::string> origins);

    const Json& tree() const { return m_tree; }

    // The value at a dotted key (`httpdb.http.verify`), or nullptr when there is none.
    const Json* find(std::string_view dotted_key) const;

    // Where the value of `dotted_key` came from: "default", "env MLRUN_X", "env file PATH
    // (MLRUN_X)", "config file PATH", "flag --db"; inherited from the nearest set ancestor.
    std::string origin(std::string_view dotted_key) const;

    // A scalar value as text ("" for null or absent; numbers and booleans spelled as JSON).
    std::string text(std::string_view dotted_key) const;
    bool flag(std::string_view dotted_key) const;

    // Sets the value at a dotted key (creating parents), recording `origin` for it.
    void set(std::string_view dotted_key, Json value, const std::string& origin);

    std::string dbpath() const { return text("dbpath"); }
    std::string default_project() const { return text("default_project"); }
    std::string artifact_path() const { return text("artifact_path"); }
    std::string log_level() const { return text("log_level"); }
    std::string log_formatter() const { return text("log_formatter"); }

private:
    Json m_tree;
    std::map<std::string, std::string> m_origins;
};

// The leaves of `tree` as (dotted key, value) pairs, keys sorted; empty mappings are leaves.
std::vector<std::pair<std::string, Json>> flatten(const Json& tree, const std::string& prefix = {});

// A copy of `value` with every mapping's keys in sorted order (how MLRun prints its config).
Json sorted(const Json& value);

// Splits a dotted key into its segments; throws Error(usage) for an empty segment.
std::vector<std::string> key_path(std::string_view dotted_key);

}  // namespace mlrun::config
