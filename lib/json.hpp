// The JSON value type used across the library: insertion-ordered, so that objects read from
// YAML or a server are written back with their keys in the order they came.
#pragma once

#include <nlohmann/json.hpp>

namespace mlrun {

using Json = nlohmann::ordered_json;

}  // namespace mlrun
