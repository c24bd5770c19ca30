// Small string helpers that know nothing of MLRun.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mlrun::util {

std::string_view trim(std::string_view text);
std::string to_lower(std::string_view text);
std::string to_upper(std::string_view text);

// Splits on every occurrence of `separator` (which must not be empty); keeps empty pieces.
std::vector<std::string> split(std::string_view text, std::string_view separator);

std::string join(const std::vector<std::string>& pieces, std::string_view separator);

// Replaces every occurrence of `from` (non-empty) by `to`.
std::string replace_all(std::string_view text, std::string_view from, std::string_view to);

}  // namespace mlrun::util
