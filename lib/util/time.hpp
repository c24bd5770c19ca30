// Times as MLRun writes them (ISO-8601, UTC, microseconds, `+00:00`) and as microseconds since
// the epoch for sorting and filtering.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mlrun::util {

using Micros = std::int64_t;  // microseconds since 1970-01-01T00:00:00Z

Micros now_micros();

// `2024-10-23T08:15:52.123456+00:00`.
std::string format_iso(Micros time);

// Accepts what MLRun and its servers write: `T` or space separator, optional fraction, `Z`,
// `+hh:mm`/`-hh:mm` or no zone (UTC); a bare date is midnight UTC. std::nullopt otherwise.
std::optional<Micros> parse_iso(std::string_view text);

// A point in time given by a user: an ISO time, or a duration back from `now` such as `30m`,
// `6h`, `7d`, `2w`. Throws Error(usage) otherwise.
Micros parse_time_spec(std::string_view text, Micros now);

// `Oct 23 11:15:52` in local time, as the real tool's tables show times.
std::string format_table_time(Micros time);

}  // namespace mlrun::util
