// Keeps secrets out of anything shown to a user: tokens, access keys, passwords inside URLs.
#pragma once

#include <string>
#include <string_view>

#include "lib/json.hpp"

namespace mlrun::util {

inline constexpr std::string_view redacted_marker = "****";

// True for names that hold secrets: `httpdb.token`, `V3IO_ACCESS_KEY`, `AWS_SECRET_ACCESS_KEY`,
// `password`, `MLRUN_AUTH_SESSION`... Matching is on the last dotted segment, case-insensitive.
bool is_secret_name(std::string_view name);

// `https://user:pw@host/x` -> `https://user:****@host/x`; text without a URL password unchanged.
std::string redact_url_password(std::string_view text);

// The value as safe to show under `name`: fully masked when the name is secret (and the value
// non-empty), URL passwords masked otherwise. Objects and arrays are walked.
Json redact_value(std::string_view name, const Json& value);

}  // namespace mlrun::util
