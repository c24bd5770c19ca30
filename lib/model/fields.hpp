// Reading known fields out of an MLRun object (what is left over is kept verbatim) and writing
// them back with MLRun's rule: null, {} and [] are omitted, "", 0 and false are kept.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/json.hpp"

namespace mlrun::model::fields {

// Each take_* removes `key` from `object` (when present) and returns its value; a value of the
// wrong shape throws Error(usage) naming `where.key`, e.g. "spec.params must be a mapping".
// null counts as absent.
std::string take_string(Json& object, std::string_view key, std::string_view where);
std::optional<bool> take_bool(Json& object, std::string_view key, std::string_view where);
std::optional<std::int64_t> take_int(Json& object, std::string_view key, std::string_view where);
Json take_object(Json& object, std::string_view key, std::string_view where);  // {} when absent
Json take_array(Json& object, std::string_view key, std::string_view where);   // [] when absent
Json take_any(Json& object, std::string_view key);                             // null when absent
std::vector<std::string> take_strings(Json& object, std::string_view key, std::string_view where);

// The mapping at `key`, taken out of `object`; absent or null gives {}.
inline Json take_section(Json& object, std::string_view key, std::string_view where)
{
    return take_object(object, key, where);
}

// `where` for a nested field: join("spec", "build") == "spec.build".
std::string join(std::string_view where, std::string_view key);

void put(Json& out, std::string_view key, const std::string& value);  // omitted when empty
void put(Json& out, std::string_view key, const Json& value);         // omitted when null/{}/[]
void put(Json& out, std::string_view key, const std::optional<bool>& value);
void put(Json& out, std::string_view key, const std::optional<std::int64_t>& value);
void put(Json& out, std::string_view key, const std::vector<std::string>& value);
void put_always(Json& out, std::string_view key, const Json& value);  // kept even when empty

// Appends the unknown fields kept at read time; they never overwrite a known field.
void put_extra(Json& out, const Json& extra);

// Requires `value` to be a mapping: `what` names it in the error.
void require_object(const Json& value, std::string_view what);

}  // namespace mlrun::model::fields
