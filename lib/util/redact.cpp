// Keeps secrets out of anything shown to a user.

#include "lib/util/redact.hpp"

#include "lib/util/strings.hpp"

namespace mlrun::util {

bool is_secret_name(std::string_view name)
{
    const auto dot = name.rfind('.');
    const auto last = to_lower(dot == std::string_view::npos ? name : name.substr(dot + 1));
    static const char* const markers[] = {"token",       "password",  "passwd",  "secret",
                                          "access_key",  "accesskey", "session", "credential",
                                          "private_key", "api_key",   "apikey"};
    for (const char* marker : markers) {
        if (last.find(marker) != std::string::npos) {
            return true;
        }
    }
    return false;
}

std::string redact_url_password(std::string_view text)
{
    std::string out;
    std::size_t start = 0;
    while (true) {
        const auto scheme = text.find("://", start);
        if (scheme == std::string_view::npos) {
            out += text.substr(start);
            return out;
        }
        const auto authority = scheme + 3;
        auto end = text.find_first_of("/?# \t\n", authority);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const auto at = text.substr(authority, end - authority).rfind('@');
        if (at == std::string_view::npos) {
            out += text.substr(start, end - start);
            start = end;
            continue;
        }
        const auto userinfo = text.substr(authority, at);
        const auto colon = userinfo.find(':');
        out += text.substr(start, authority - start);
        if (colon == std::string_view::npos) {
            out += userinfo;  // a bare token in the user part is a secret too
            if (userinfo.size() > 20) {
                out.resize(out.size() - userinfo.size());
                out += redacted_marker;
            }
        } else {
            out += userinfo.substr(0, colon + 1);
            out += redacted_marker;
        }
        out += text.substr(authority + at, end - authority - at);
        start = end;
    }
}

Json redact_value(std::string_view name, const Json& value)
{
    if (value.is_object()) {
        Json out = Json::object();
        for (auto it = value.begin(); it != value.end(); ++it) {
            out[it.key()] = redact_value(it.key(), it.value());
        }
        return out;
    }
    if (value.is_array()) {
        Json out = Json::array();
        for (const auto& item : value) {
            out.push_back(redact_value(name, item));
        }
        return out;
    }
    if (is_secret_name(name)) {
        const bool empty =
            value.is_null() || (value.is_string() && value.get_ref<const std::string&>().empty());
        return empty ? value : Json(redacted_marker);
    }
    if (value.is_string()) {
        return redact_url_password(value.get_ref<const std::string&>());
    }
    return value;
}

}  // namespace mlrun::util
