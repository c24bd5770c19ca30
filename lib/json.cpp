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

// Deeper documents are refused before parsing: every reader and writer of a value recurses
// once per level, and 100,000 levels overflow the stack.
constexpr int max_depth = 512;

void refuse_deep(std::string_view text)
{
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth) {
                throw nlohmann::json::parse_error::create(
                    101, i + 1, "nested deeper than " + std::to_string(max_depth) + " levels",
                    nullptr);
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
}

}  // namespace

Json parse_json(std::string_view text)
{
    refuse_deep(text);
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

template class nlohmann::basic_json<nlohmann::ordered_map>;
