// How values look in table cells, following the real tool's tables.
#pragma once

#include <string>

#include "lib/json.hpp"

namespace mlrun::cli::cells {

// Python's str() of a value: strings bare, True/False, None, numbers, lists/maps compact.
std::string value(const Json& value);

// `k=v,k2=v2` (MLRun's dict cells).
std::string dict(const Json& object);

// `Oct 23 11:15:52` for an ISO time; empty for an empty or unparsable one.
std::string time(const std::string& iso);

// `..<last n characters>` (hash and tree cells); empty stays empty.
std::string tail(const std::string& text, std::size_t n);

}  // namespace mlrun::cli::cells
