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
            out += redacted_marker;  // a bare user part is read as a token: a secret
        } else {
            out += userinfo.substr(0, colon + 1);
            out += redacted_marker;
        }
        out += text.substr(authority + at, end - authority - at);
        start = end;
    }
}

std::string for_display(std::string_view text, const std::vector<std::string>& secrets,
                        std::size_t quoted_limit)
{
    auto out = redact_url_password(text);
    for (const auto& secret : secrets) {
        if (secret.size() >= 4) {
            out = replace_all(out, secret, redacted_marker);
        }
    }
    if (out.size() <= quoted_limit) {
        return out;
    }
    std::string shortened;
    std::size_t i = 0;
    while (i < out.size()) {
        const char quote = out[i];
        const auto close =
            quote == '\'' || quote == '"' ? out.find(quote, i + 1) : std::string::npos;
        if (close == std::string::npos) {
            shortened += out[i++];
            continue;
        }
        const auto inner = std::string_view{out}.substr(i + 1, close - i - 1);
        shortened += quote;
        shortened +=
            inner.size() > quoted_limit ? abbreviate(inner, quoted_limit / 2) : std::string{inner};
        shortened += quote;
        i = close + 1;
    }
    // A long text without quotes is cut too: a message is not a place for megabytes.
    return shortened.size() > 16 * quoted_limit ? abbreviate(shortened, 8 * quoted_limit)
                                                : shortened;
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
