// The one place YAML is read and written: YAML text <-> Json, with YAML 1.1 scalar resolution
// as MLRun's PyYAML loader does it and quoting on output wherever a string would read back as
// something else.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "lib/json.hpp"

namespace mlrun::yaml {

// Where a value starts in the text, 1-based.
struct Position
{
    int line = 0;
    int column = 0;
};

// Positions by JSON pointer ("/spec/functions/0/url"); "<pointer>#key" is where a mapping key
// is written. The empty pointer is the document itself.
using Locations = std::map<std::string, Position>;

// Parses one YAML document. Plain scalars resolve as YAML 1.1 (null, yes/no booleans, ints,
// floats); quoted scalars stay strings; aliases are expanded and `<<` merge keys applied. An
// empty or comment-only document gives null. Throws Error(usage) naming `source`, line and
// column for malformed text.
// With `locations`, records where each value was written (for messages about content).
Json parse(std::string_view text, const std::string& source, Locations* locations = nullptr);

// Block-style YAML of `value`, keys in the object's order, ending with a newline.
std::string dump(const Json& value);

// How a plain (unquoted) YAML scalar resolves: exposed for tests and for the dumper's quoting.
Json resolve_plain_scalar(const std::string& text);

}  // namespace mlrun::yaml
