// Keeps secrets out of anything shown to a user: tokens, access keys, passwords inside URLs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lib/json.hpp"

namespace mlrun::util {

inline constexpr std::string_view redacted_marker = "****";

// True for names that hold secrets: `httpdb.token`, `V3IO_ACCESS_KEY`, `AWS_SECRET_ACCESS_KEY`,
// `password`, `MLRUN_AUTH_SESSION`... Matching is on the last dotted segment, case-insensitive.
bool is_secret_name(std::string_view name);

// `https://user:pw@host/x` -> `https://user:****@host/x`, and `https://TOKEN@host` (a token as
// the user, as MLRun's client reads it) -> `https://****@host`; other text unchanged.
std::string redact_url_password(std::string_view text);

// A message as safe and short enough to print: URL passwords masked, every one of `secrets`
// (the tool's own credentials; values under 4 characters are ignored) replaced by the marker,
// and each quoted span ('...' or "...") longer than `quoted_limit` bytes abbreviated.
std::string for_display(std::string_view text, const std::vector<std::string>& secrets = {},
                        std::size_t quoted_limit = 200);

// The value as safe to show under `name`: fully masked when the name is secret (and the value
// non-empty), URL passwords masked otherwise. Objects and arrays are walked.
Json redact_value(std::string_view name, const Json& value);

}  // namespace mlrun::util
