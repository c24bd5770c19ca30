// Reading known fields out of an MLRun object and writing them back with MLRun's rules.

#include "lib/model/fields.hpp"

#include "lib/error.hpp"

namespace mlrun::model::fields {
namespace {

[[noreturn]] void wrong_shape(std::string_view where, std::string_view key, std::string_view what)
{
    throw Error("field '" + join(where, key) + "' must be " + std::string{what}, ErrorKind::usage);
}

std::optional<Json> take(Json& object, std::string_view key)
{
    const auto found = object.find(key);
    if (found == object.end()) {
        return std::nullopt;
    }
    Json value = std::move(*found);
    object.erase(found);
    if (value.is_null()) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

std::string join(std::string_view where, std::string_view key)
{
    if (where.empty()) {
        return std::string{key};
    }
    return std::string{where} + "." + std::string{key};
}

void require_object(const Json& value, std::string_view what)
{
    if (!value.is_object()) {
        throw Error(std::string{what} + " must be a mapping", ErrorKind::usage);
    }
}

std::string take_string(Json& object, std::string_view key, std::string_view where)
{
    auto value = take(object, key);
    if (!value) {
        return {};
    }
    if (value->is_string()) {
        return value->get<std::string>();
    }
    if (value->is_object() || value->is_array()) {
        wrong_shape(where, key, "a string");
    }
    return value->dump();  // numbers and booleans, as Python would str() them in most places
}

std::optional<bool> take_bool(Json& object, std::string_view key, std::string_view where)
{
    auto value = take(object, key);
    if (!value) {
        return std::nullopt;
    }
    if (!value->is_boolean()) {
        wrong_shape(where, key, "true or false");
    }
    return value->get<bool>();
}

std::optional<std::int64_t> take_int(Json& object, std::string_view key, std::string_view where)
{
    auto value = take(object, key);
    if (!value) {
        return std::nullopt;
    }
    if (value->is_number_integer()) {
        return value->get<std::int64_t>();
    }
    if (value->is_string()) {
        try {
            std::size_t used = 0;
            const auto text = value->get<std::string>();
            const auto number = std::stoll(text, &used);
            if (used == text.size()) {
                return number;
            }
        } catch (const std::exception&) {
        }
    }
    wrong_shape(where, key, "an integer");
}

Json take_object(Json& object, std::string_view key, std::string_view where)
{
    auto value = take(object, key);
    if (!value) {
        return Json::object();
    }
    if (value->is_array() && value->empty()) {
        return Json::object();  // older writers emitted [] for empty maps
    }
    if (!value->is_object()) {
        wrong_shape(where, key, "a mapping");
    }
    return std::move(*value);
}

Json take_array(Json& object, std::string_view key, std::string_view where)
{
    auto value = take(object, key);
    if (!value) {
        return Json::array();
    }
    if (!value->is_array()) {
        wrong_shape(where, key, "a list");
    }
    return std::move(*value);
}

Json take_any(Json& object, std::string_view key)
{
    return take(object, key).value_or(Json{});
}

std::vector<std::string> take_strings(Json& object, std::string_view key, std::string_view where)
{
    auto value = take(object, key);
    std::vector<std::string> out;
    if (!value) {
        return out;
    }
    if (value->is_string()) {
        out.push_back(value->get<std::string>());
        return out;
    }
    if (!value->is_array()) {
        wrong_shape(where, key, "a list of strings");
    }
    for (const auto& item : *value) {
        if (item.is_object() || item.is_array()) {
            wrong_shape(where, key, "a list of strings");
        }
        out.push_back(item.is_string() ? item.get<std::string>() : item.dump());
    }
    return out;
}

void put(Json& out, std::string_view key, const std::string& value)
{
    if (!value.empty()) {
        out[std::string{key}] = value;
    }
}

void put(Json& out, std::string_view key, const Json& value)
{
    if (value.is_null() || ((value.is_object() || value.is_array()) && value.empty())) {
        return;
    }
    out[std::string{key}] = value;
}

void put(Json& out, std::string_view key, const std::optional<bool>& value)
{
    if (value) {
        out[std::string{key}] = *value;
    }
}

void put(Json& out, std::string_view key, const std::optional<std::int64_t>& value)
{
    if (value) {
        out[std::string{key}] = *value;
    }
}

void put(Json& out, std::string_view key, const std::vector<std::string>& value)
{
    if (!value.empty()) {
        out[std::string{key}] = value;
    }
}

void put_always(Json& out, std::string_view key, const Json& value)
{
    out[std::string{key}] = value;
}

void put_extra(Json& out, const Json& extra)
{
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        if (!out.contains(it.key())) {
            out[it.key()] = it.value();
        }
    }
}

}  // namespace mlrun::model::fields
