// JSON parsing that stays linear for objects with many keys.

#include "lib/json.hpp"

namespace mlrun {
namespace {

// Texts below this size cannot hold objects big enough for insertion order to cost much.
constexpr std::size_t large_text = 32 * 1024;

Json from_sorted(nlohmann::json&& value)
{
    switch (value.type()) {
    case nlohmann::json::value_t::object: {
        Json object = Json::object();
        auto& entries = object.get_ref<Json::object_t&>();
        entries.reserve(value.size());
        for (auto& [key, item] : value.items()) {
            // Keys of a parsed object are unique: append without ordered_map's linear search.
            entries.emplace_back(key, from_sorted(std::move(item)));
        }
        return object;
    }
    case nlohmann::json::value_t::array: {
        Json array = Json::array();
        auto& items = array.get_ref<Json::array_t&>();
        items.reserve(value.size());
        for (auto& item : value) {
            items.push_back(from_sorted(std::move(item)));
        }
        return array;
    }
    case nlohmann::json::value_t::string: return std::move(value.get_ref<std::string&>());
    case nlohmann::json::value_t::boolean: return value.get<bool>();
    case nlohmann::json::value_t::number_integer: return value.get<std::int64_t>();
    case nlohmann::json::value_t::number_unsigned: return value.get<std::uint64_t>();
    case nlohmann::json::value_t::number_float: return value.get<double>();
    default: return nullptr;
    }
}

}  // namespace

Json parse_json(std::string_view text)
{
    if (text.size() < large_text) {
        return Json::parse(text);
    }
    return from_sorted(nlohmann::json::parse(text));
}

std::optional<Json> try_parse_json(std::string_view text)
{
    try {
        return parse_json(text);
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

}  // namespace mlrun
