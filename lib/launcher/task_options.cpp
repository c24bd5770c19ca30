// Turning `mlrun run` flags into a run object with MLRun's parsing rules.

#include "lib/launcher/task_options.hpp"

#include <regex>

#include "lib/error.hpp"
#include "lib/launcher/py_literal.hpp"
#include "lib/model/project.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::launcher {
namespace {

// KEY=VALUE, trimmed; nullopt without '=' (skipped, as MLRun does, with a warning), or
// Error(usage) when `option` refuses it. An empty key is always refused.
std::optional<std::pair<std::string, std::string>> split_pair(const std::string& text,
                                                              PairOption pair_option)
{
    const std::string option{pair_option.flag};
    const auto equals = text.find('=');
    if (equals == std::string::npos) {
        if (pair_option.reporter == nullptr) {
            throw Error("invalid " + option + " '" + text + "': expected KEY=VALUE",
                        ErrorKind::usage);
        }
        pair_option.reporter->log(LogLevel::warning, "ignored " + option + " '" + text +
                                                         "': not KEY=VALUE (MLRun skips it too)");
        return std::nullopt;
    }
    auto key = std::string{util::trim(text.substr(0, equals))};
    if (key.empty()) {
        throw Error("invalid " + option + " '" + text + "': the key is empty", ErrorKind::usage,
                    "use " + option + " KEY=VALUE");
    }
    return std::pair{std::move(key), std::string{util::trim(text.substr(equals + 1))}};
}

std::string text_of(const Json& value)
{
    if (value.is_string()) {
        return value.get<std::string>();
    }
    if (value.is_boolean()) {
        return value.get<bool>() ? "True" : "False";
    }
    if (value.is_null()) {
        return "None";
    }
    return value.dump();
}

}  // namespace

Json parse_parameters(const std::vector<std::string>& pairs, PairOption option)
{
    static const std::regex big_integer{R"([-+]?\d+)"};
    Json parameters = Json::object();
    for (const auto& pair : pairs) {
        const auto parsed = split_pair(pair, option);
        if (!parsed) {
            continue;
        }
        const auto& [key, text] = *parsed;
        auto value = parse_parameter_value(text);
        if (value.is_string() && std::regex_match(text, big_integer)) {
            throw Error("Parameter " + key + " value " + text + " exceeds int64", ErrorKind::usage);
        }
        parameters[key] = std::move(value);
    }
    return parameters;
}

Json parse_inputs(const std::vector<std::string>& pairs, const config::Environment& environment,
                  PairOption option)
{
    Json inputs = Json::object();
    for (const auto& pair : pairs) {
        if (const auto parsed = split_pair(pair, option)) {
            inputs[util::replace_all(parsed->first, " ", "")] =
                config::expand_variables(parsed->second, environment);
        }
    }
    return inputs;
}

Json parse_labels(const std::vector<std::string>& pairs, const config::Environment& environment,
                  PairOption option)
{
    Json labels = Json::object();
    for (const auto& pair : pairs) {
        if (const auto parsed = split_pair(pair, option)) {
            labels[parsed->first] = config::expand_variables(parsed->second, environment);
        }
    }
    return labels;
}

Json parse_secret_sources(const std::vector<std::string>& values,
                          const config::Environment& environment)
{
    Json sources = Json::array();
    for (const auto& value : values) {
        const auto equals = value.find('=');
        if (equals == std::string::npos || equals == 0) {
            throw Error("invalid --secrets value '" + value + "'", ErrorKind::usage,
                        "use KIND=SOURCE, e.g. env=AWS_KEY");
        }
        sources.push_back(
            {{"kind", value.substr(0, equals)},
             {"source", config::expand_variables(value.substr(equals + 1), environment)}});
    }
    return sources;
}

Json inline_secret_values(const Json& sources)
{
    Json values = Json::object();
    for (const auto& source : sources) {
        if (source.value("kind", "") != "inline") {
            continue;
        }
        const auto& given = source["source"];
        auto parsed =
            given.is_object()
                ? std::optional<Json>{given}
                : parse_python_literal(given.is_string() ? given.get<std::string>() : given.dump());
        if (!parsed || !parsed->is_object()) {
            throw Error("invalid --secrets inline=...: the source must be a dict such as "
                        "{'KEY': 'value'}",
                        ErrorKind::usage);
        }
        for (auto it = parsed->begin(); it != parsed->end(); ++it) {
            values[it.key()] =
                it.value().is_string() ? it.value().get<std::string>() : it.value().dump();
        }
    }
    return values;
}

Json recorded_secret_sources(const Json& sources)
{
    Json recorded = Json::array();
    for (const auto& source : sources) {
        if (source.value("kind", "") != "inline") {
            recorded.push_back(source);
            continue;
        }
        Json keys = Json::array();
        const auto values = inline_secret_values(Json::array({source}));
        for (auto it = values.begin(); it != values.end(); ++it) {
            keys.push_back(it.key());
        }
        recorded.push_back({{"kind", "inline"}, {"source", std::move(keys)}});
    }
    return recorded;
}

Json parse_returns(const std::vector<std::string>& values)
{
    static const char* const types[] = {"result",  "object", "path", "file",
                                        "dataset", "model",  "plot"};
    Json returns = Json::array();
    for (const auto& text : values) {
        auto value = parse_parameter_value(text);
        if (value.is_string()) {
            const auto hint = util::replace_all(value.get<std::string>(), " ", "");
            const auto parts = util::split(hint, ":");
            if (parts.size() > 2 || parts[0].empty() || (parts.size() == 2 && parts[1].empty())) {
                throw Error("invalid --returns value '" + text + "'", ErrorKind::usage,
                            "use KEY or KEY:TYPE with TYPE one of result, object, path, file, "
                            "dataset, model, plot");
            }
            if (parts.size() == 2 &&
                std::find(std::begin(types), std::end(types), parts[1]) == std::end(types)) {
                throw Error("invalid artifact type '" + parts[1] + "' in --returns '" + text + "'",
                            ErrorKind::usage,
                            "use one of: result, object, path, file, dataset, model, plot");
            }
            returns.push_back(hint);
        } else if (value.is_object() && value.contains("key")) {
            returns.push_back(value);
        } else {
            throw Error("invalid --returns value '" + text + "'", ErrorKind::usage,
                        "use KEY, KEY:TYPE or a dict with a 'key'");
        }
    }
    return returns;
}

std::string normalize_run_name(const std::string& name)
{
    static const std::regex pattern{"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$"};
    auto normalized = model::normalize_name(name);
    if (normalized.size() > 63 || !std::regex_match(normalized, pattern)) {
        throw Error(
            "invalid run name '" + name + "'", ErrorKind::usage,
            "names are at most 63 characters: letters, digits, '-', '.', starting and ending "
            "with a letter or digit");
    }
    return normalized;
}

std::string format_with_parameters(const std::string& text, const Json& parameters)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
            out += c;
            ++i;
            continue;
        }
        if (c != '{') {
            out += c;
            continue;
        }
        const auto close = text.find('}', i);
        if (close == std::string::npos) {
            throw Error("unmatched '{' in command '" + text + "'", ErrorKind::usage);
        }
        const auto name = text.substr(i + 1, close - i - 1);
        if (!parameters.contains(name)) {
            throw Error("command '" + text + "' uses {" + name + "} but no parameter '" + name +
                            "' was given",
                        ErrorKind::usage, "pass -p " + name + "=VALUE");
        }
        out += text_of(parameters.at(name));
        i = close;
    }
    return out;
}

std::vector<std::string> split_command(const std::string& text)
{
    std::vector<std::string> words;
    std::string word;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n') {
            if (!word.empty()) {
                words.push_back(word);
                word.clear();
            }
        } else {
            word += c;
        }
    }
    if (!word.empty()) {
        words.push_back(word);
    }
    return words;
}

std::pair<std::string, std::string> split_url(const std::string& url)
{
    std::string text{util::trim(url)};
    if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"') &&
        text.back() == text.front()) {
        text = text.substr(1, text.size() - 2);
    }
    const auto space = text.find_first_of(" \t");
    if (space == std::string::npos) {
        return {text, ""};
    }
    return {text.substr(0, space), std::string{util::trim(text.substr(space))}};
}

}  // namespace mlrun::launcher
