// The JSON value type used across the library: insertion-ordered, so that objects read from
// YAML or a server are written back with their keys in the order they came.
#pragma once

#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

// Instantiated once, in lib/json.cpp, instead of in every file that uses it.
extern template class nlohmann::basic_json<nlohmann::ordered_map>;

namespace mlrun {

using Json = nlohmann::ordered_json;

// Parses JSON text. Insertion order costs a linear search per key, so objects with many keys
// (a run with 10,000 results) would parse in quadratic time: large texts are parsed with a
// hashed map first, and their keys then come back sorted. Throws nlohmann::json::parse_error,
// also for values nested deeper than 512 levels.
Json parse_json(std::string_view text);

// The same, std::nullopt for text that is not JSON.
std::optional<Json> try_parse_json(std::string_view text);

}  // namespace mlrun
