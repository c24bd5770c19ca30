// Python literal syntax (what `ast.literal_eval` accepts), as MLRun parses `-p key=value`.
#pragma once

#include <optional>
#include <string_view>

#include "lib/json.hpp"

namespace mlrun::launcher {

// The literal's value: ints, floats, 'strings' and "strings", True/False/None, lists, tuples
// (as lists), dicts, sets (as lists), with unary minus. std::nullopt when `text` is not one
// whole literal.
std::optional<Json> parse_python_literal(std::string_view text);

// MLRun's parameter value: the literal when it is one, else the raw text (so `aaa` and JSON's
// `true` stay strings).
Json parse_parameter_value(std::string_view text);

}  // namespace mlrun::launcher
