// How values look in table cells.

#include "cli/cells.hpp"

#include "lib/util/time.hpp"

namespace mlrun::cli::cells {

std::string value(const Json& value)
{
    switch (value.type()) {
    case Json::value_t::string: return value.get<std::string>();
    case Json::value_t::boolean: return value.get<bool>() ? "True" : "False";
    case Json::value_t::null: return "None";
    default: return value.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
}

std::string dict(const Json& object)
{
    std::string out;
    if (!object.is_object()) {
        return object.is_null() ? std::string{} : value(object);
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!out.empty()) {
            out += ',';
        }
        out += it.key() + "=" + value(it.value());
    }
    return out;
}

std::string time(const std::string& iso)
{
    const auto parsed = util::parse_iso(iso);
    return parsed ? util::format_table_time(*parsed) : std::string{};
}

std::string tail(const std::string& text, std::size_t n)
{
    if (text.empty()) {
        return {};
    }
    return ".." + (text.size() > n ? text.substr(text.size() - n) : text);
}

}  // namespace mlrun::cli::cells
