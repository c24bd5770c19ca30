// `.env` files as MLRun reads and writes them (python-dotenv 0.17 rules).

#include "lib/config/env_file.hpp"

#include <regex>

#include "lib/error.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::config {
namespace {

std::string expand_references(const std::string& value, const std::vector<EnvEntry>& earlier,
                              const Environment& environment)
{
    static const std::regex reference{R"(\$\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?\})"};
    std::string out;
    auto begin = std::sregex_iterator(value.begin(), value.end(), reference);
    std::size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
        const auto& match = *it;
        out += value.substr(last, static_cast<std::size_t>(match.position()) - last);
        const auto name = match[1].str();
        std::optional<std::string> found;
        for (auto entry = earlier.rbegin(); entry != earlier.rend(); ++entry) {
            if (entry->key == name) {
                found = entry->value;
                break;
            }
        }
        if (!found) {
            found = lookup(environment, name);
        }
        out += found.value_or(match[3].matched ? match[3].str() : std::string{});
        last = static_cast<std::size_t>(match.position() + match.length());
    }
    out += value.substr(last);
    return out;
}

std::string unescape_double_quoted(std::string_view body)
{
    std::string out;
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '\\' || i + 1 == body.size()) {
            out += body[i];
            continue;
        }
        const char next = body[++i];
        switch (next) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case '"': out += '"'; break;
        case '\'': out += '\''; break;
        case '\\': out += '\\'; break;
        default: out += '\\'; out += next;
        }
    }
    return out;
}

// The key of a `KEY=...` line (after `export `), or empty when the line has none.
std::string line_key(std::string_view line)
{
    auto rest = util::trim(line);
    if (rest.starts_with("export ")) {
        rest = util::trim(rest.substr(7));
    }
    const auto equals = rest.find('=');
    if (equals == std::string_view::npos || rest.starts_with('#')) {
        return {};
    }
    return std::string{util::trim(rest.substr(0, equals))};
}

}  // namespace

std::optional<std::string> lookup(const Environment& environment, std::string_view name)
{
    const auto found = environment.find(name);
    if (found == environment.end()) {
        return std::nullopt;
    }
    return found->second;
}

std::vector<EnvEntry> parse_env_file(std::string_view text, const std::string& source,
                                     const Environment& environment)
{
    std::vector<EnvEntry> entries;
    const auto lines = util::split(text, "\n");
    for (std::size_t number = 0; number < lines.size(); ++number) {
        auto line = util::trim(lines[number]);
        if (line.empty() || line.starts_with('#')) {
            continue;
        }
        if (line.starts_with("export ")) {
            line = util::trim(line.substr(7));
        }
        const auto equals = line.find('=');
        const auto key = util::trim(line.substr(0, equals == std::string_view::npos ? 0 : equals));
        if (equals == std::string_view::npos || key.empty()) {
            throw Error(source + ":" + std::to_string(number + 1) +
                            ": env file lines must be in the form key=value",
                        ErrorKind::usage);
        }
        auto raw = util::trim(line.substr(equals + 1));
        std::string value;
        if (raw.size() >= 2 && raw.front() == '\'' && raw.find('\'', 1) != std::string_view::npos) {
            value = std::string{raw.substr(1, raw.find('\'', 1) - 1)};
        } else if (raw.size() >= 2 && raw.front() == '"') {
            std::size_t close = 1;
            while (close < raw.size() && (raw[close] != '"' || raw[close - 1] == '\\')) {
                ++close;
            }
            value = expand_references(unescape_double_quoted(raw.substr(1, close - 1)), entries,
                                      environment);
        } else {
            static const std::regex comment{R"(\s+#.*)"};
            value = expand_references(
                std::string{util::trim(std::regex_replace(std::string{raw}, comment, ""))}, entries,
                environment);
        }
        entries.push_back({std::string{key}, std::move(value)});
    }
    return entries;
}

std::string set_env_keys(std::string_view text, const std::vector<EnvEntry>& updates)
{
    auto lines = util::split(text, "\n");
    if (!lines.empty() && lines.back().empty()) {
        lines.pop_back();  // the final newline, restored below
    }
    for (const auto& update : updates) {
        bool replaced = false;
        for (auto& line : lines) {
            if (line_key(line) == update.key) {
                line = update.key + "=" + update.value;
                replaced = true;
            }
        }
        if (!replaced) {
            lines.push_back(update.key + "=" + update.value);
        }
    }
    auto out = util::join(lines, "\n");
    if (!out.empty()) {
        out += '\n';
    }
    return out;
}

std::filesystem::path expand_home(const std::string& path, const Environment& environment)
{
    if (path == "~" || path.starts_with("~/")) {
        const auto home = lookup(environment, "HOME").value_or("");
        return std::filesystem::path{home} / path.substr(path.size() > 1 ? 2 : 1);
    }
    return path;
}

std::filesystem::path default_env_file(const Environment& environment,
                                       const std::string& explicit_path)
{
    if (!explicit_path.empty()) {
        return expand_home(explicit_path, environment);
    }
    const auto configured = lookup(environment, "MLRUN_DEFAULT_ENV_FILE");
    return expand_home(configured && !configured->empty() ? *configured : "~/.mlrun.env",
                       environment);
}

}  // namespace mlrun::config

namespace mlrun::config {

std::string expand_variables(std::string_view text, const Environment& environment)
{
    static const std::regex reference{R"(\$(\w+|\{[^}]*\}))"};
    const std::string input{text};
    std::string out;
    std::size_t last = 0;
    for (auto it = std::sregex_iterator(input.begin(), input.end(), reference);
         it != std::sregex_iterator(); ++it) {
        const auto& match = *it;
        auto name = match[1].str();
        if (name.starts_with('{')) {
            name = name.substr(1, name.size() - 2);
        }
        out += input.substr(last, static_cast<std::size_t>(match.position()) - last);
        const auto value = lookup(environment, name);
        out += value ? *value : match.str();
        last = static_cast<std::size_t>(match.position() + match.length());
    }
    out += input.substr(last);
    return out;
}

}  // namespace mlrun::config
