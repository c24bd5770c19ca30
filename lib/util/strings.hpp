// Small string helpers that know nothing of MLRun.
#pragma once

#include <optional>
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

// The offset of the first byte that is not part of valid UTF-8 (overlong forms, surrogates and
// code points above U+10FFFF included), or nullopt when all of `text` is valid.
std::optional<std::size_t> invalid_utf8_offset(std::string_view text);

// Levenshtein distance (insertions, deletions, substitutions of bytes).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word` within `max_distance` edits (the first of equals), for
// "did you mean" hints; nullopt when none is that near.
std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates,
                                   std::size_t max_distance = 2);

// Whether `text` is a name of the shape `edge (inner* edge)?` (for `edge` a subset of `inner`):
// one or more characters, all accepted by `inner`, the first and the last also by `edge` (what
// MLRun checks with patterns like
// ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$, without compiling a regular expression at every start).
bool is_delimited_name(std::string_view text, bool (*edge)(char), bool (*inner)(char));

// `text` cut to about `limit` bytes for a message: the start, then "... (N bytes)".
std::string abbreviate(std::string_view text, std::size_t limit = 120);

}  // namespace mlrun::util
