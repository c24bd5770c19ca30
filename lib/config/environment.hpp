// A snapshot of process environment variables; the CLI takes it once and hands it to the
// library, which never reads the real environment itself.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace mlrun::config {

using Environment = std::map<std::string, std::string, std::less<>>;

// The variable's value, or std::nullopt when unset. `empty_is_unset` treats "" as unset.
std::optional<std::string> lookup(const Environment& environment, std::string_view name);

}  // namespace mlrun::config

namespace mlrun::config {

// Python's os.path.expandvars: `$NAME` and `${NAME}` replaced by their values; references to
// unset variables are left as written.
std::string expand_variables(std::string_view text, const Environment& environment);

}  // namespace mlrun::config
