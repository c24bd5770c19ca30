// Helpers shared by the endpoint handlers.

#include "lib/server/api_call.hpp"

#include <charconv>
#include <random>

#include "lib/model/project.hpp"
#include "lib/util/strings.hpp"
#include "lib/util/time.hpp"

namespace mlrun::server::detail {

std::string python_repr(std::string_view text)
{
    const bool double_quotes =
        text.find('\'') != std::string_view::npos && text.find('"') == std::string_view::npos;
    const char quote = double_quotes ? '"' : '\'';
    std::string out(1, quote);
    for (const char c : text) {
        if (c == '\\' || c == quote) {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else {
            out += c;
        }
    }
    out += quote;
    return out;
}

ApiError mlrun_error(int status, std::string_view error_class, std::string_view message)
{
    return {status, std::string{error_class} + "(" + python_repr(message) + ")"};
}

ApiError validation_error(Json location, std::string_view message, std::string_view type)
{
    return {422, Json::array({{{"loc", std::move(location)}, {"msg", message}, {"type", type}}})};
}

ApiError enum_error(Json location, const std::vector<std::string>& permitted)
{
    std::string message = "value is not a valid enumeration member; permitted: ";
    for (std::size_t i = 0; i < permitted.size(); ++i) {
        message += (i == 0 ? "'" : ", '") + permitted[i] + "'";
    }
    return {422, Json::array({{{"loc", std::move(location)},
                               {"msg", message},
                               {"type", "type_error.enum"},
                               {"ctx", {{"enum_values", permitted}}}}})};
}

ApiError reason_error(int status, std::string_view reason)
{
    return {status, {{"reason", reason}}};
}

std::string new_task_name()
{
    // A UUID4's shape, as MLRun names background tasks.
    std::string hex = random_hex(32);
    hex[12] = '4';
    hex[16] = "89ab"[hex[16] % 4];
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
           hex.substr(16, 4) + "-" + hex.substr(20);
}

Json ServerState::finish_task(const std::string& kind, const std::string& project, bool succeeded,
                              const std::string& error, int timeout)
{
    const std::string now = now_text();
    const std::string name = new_task_name();
    Json task = {{"kind", "BackgroundTask"},
                 {"metadata",
                  {{"name", name},
                   {"kind", kind.empty() ? Json(nullptr) : Json(kind)},
                   {"project", project.empty() ? Json(nullptr) : Json(project)},
                   {"created", now},
                   {"updated", now},
                   {"timeout", timeout}}},
                 {"spec", Json::object()},
                 {"status",
                  {{"state", succeeded ? "succeeded" : "failed"},
                   {"error", error.empty() ? Json(nullptr) : Json(error)}}}};
    Json started = task;
    started["status"] = {{"state", "running"}, {"error", nullptr}};
    const std::lock_guard guard(lock);
    tasks[name] = {std::move(task), project};
    return started;
}

Json ServerState::read_task(const std::string& name, const std::string* project)
{
    const std::lock_guard guard(lock);
    const auto found = tasks.find(name);
    if (found == tasks.end() || (project != nullptr && found->second.project != *project)) {
        if (project != nullptr) {
            throw mlrun_error(404, "MLRunNotFoundError",
                              "Background task not found: name=" + name + ", project=" + *project);
        }
        throw mlrun_error(404, "MLRunNotFoundError", "Background task " + name + " not found");
    }
    return found->second.body;
}

const std::string* Call::query_value(std::string_view name) const
{
    const std::string* found = nullptr;
    for (const auto& [key, value] : query) {
        if (key == name) {
            found = &value;
        }
    }
    return found;
}

std::string Call::query_or(std::string_view name, std::string fallback) const
{
    if (const std::string* value = query_value(name)) {
        return *value;
    }
    return fallback;
}

std::vector<std::string> Call::query_all(std::string_view name) const
{
    std::vector<std::string> values;
    for (const auto& [key, value] : query) {
        if (key == name) {
            values.push_back(value);
        }
    }
    return values;
}

Json Call::json_body(bool typed) const
{
    auto parsed = try_parse_json(request.body);
    if (!parsed) {
        if (typed) {
            throw ApiError{422, Json::array({{{"loc", Json::array({"body", 0})},
                                              {"msg", "Expecting value: line 1 column 1 (char 0)"},
                                              {"type", "value_error.jsondecode"},
                                              {"ctx",
                                               {{"msg", "Expecting value"},
                                                {"doc", util::abbreviate(request.body, 200)},
                                                {"pos", 0},
                                                {"lineno", 1},
                                                {"colno", 1}}}}})};
        }
        throw reason_error(400, "bad JSON body");
    }
    return std::move(*parsed);
}

HttpResponse json_response(int status, const Json& body, Fields headers)
{
    headers.emplace_back("content-type", "application/json");
    return {status, std::move(headers), body.dump(-1, ' ', false, Json::error_handler_t::replace)};
}

HttpResponse empty_response(int status)
{
    return {status, {}, {}};
}

HttpResponse text_response(int status, std::string body, Fields headers)
{
    headers.emplace_back("content-type", "text/plain");
    return {status, std::move(headers), std::move(body)};
}

std::int64_t query_integer(const Call& call, std::string_view name, std::int64_t fallback)
{
    const std::string* text = call.query_value(name);
    if (text == nullptr) {
        return fallback;
    }
    std::int64_t value = 0;
    const auto* end = text->data() + text->size();
    const auto [stop, error] = std::from_chars(text->data(), end, value);
    if (error != std::errc{} || stop != end) {
        throw validation_error(Json::array({"query", name}), "value is not a valid integer",
                               "type_error.integer");
    }
    return value;
}

bool query_bool(const Call& call, std::string_view name, bool fallback)
{
    const std::string* text = call.query_value(name);
    if (text == nullptr) {
        return fallback;
    }
    const std::string value = util::to_lower(*text);
    for (const char* yes : {"1", "true", "yes", "on", "t", "y"}) {
        if (value == yes) {
            return true;
        }
    }
    for (const char* no : {"0", "false", "no", "off", "f", "n"}) {
        if (value == no) {
            return false;
        }
    }
    throw validation_error(Json::array({"query", name}), "value could not be parsed to a boolean",
                           "type_error.bool");
}

bool labels_match(const Json& labels, const std::vector<std::string>& filters)
{
    for (const auto& filter : filters) {
        const auto equals = filter.find('=');
        const std::string key = filter.substr(0, equals);
        if (!labels.is_object() || !labels.contains(key)) {
            return false;
        }
        if (equals != std::string::npos) {
            const Json& value = labels[key];
            const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
            if (text != filter.substr(equals + 1)) {
                return false;
            }
        }
    }
    return true;
}

std::string random_hex(std::size_t length)
{
    static thread_local std::mt19937_64 engine{std::random_device{}()};
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(length, '0');
    for (auto& c : out) {
        c = digits[engine() & 15U];
    }
    return out;
}

std::string now_text()
{
    return util::format_iso(util::now_micros());
}

namespace {

bool alphanumeric(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool key_character(char c)
{
    return alphanumeric(c) || c == '-' || c == '_' || c == '.';
}

}  // namespace

bool valid_project_name(std::string_view name)
{
    return model::is_project_name(name);
}

// ^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$ and no "..".
bool valid_artifact_key(std::string_view key)
{
    return util::is_delimited_name(key, alphanumeric, key_character) &&
           key.find("..") == std::string_view::npos;
}

// ^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$, at most 63 characters: empty allowed.
bool valid_tag(std::string_view tag)
{
    return tag.size() <= 63 &&
           (tag.empty() || util::is_delimited_name(tag, alphanumeric, key_character));
}

void ensure_project(const Call& call, const std::string& project)
{
    if (!call.db.find_project(project)) {
        throw mlrun_error(404, "MLRunNotFoundError", "Project " + project + " does not exist");
    }
}

}  // namespace mlrun::server::detail
