// Options several commands share.

#include "cli/shared_options.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace mlrun::cli {

void add_output_option(CLI::App& command, Invocation& invocation)
{
    command
        .add_option_function<std::string>(
            "--output",
            [&invocation](const std::string& value) {
                invocation.output().set_format(parse_output_format(value));
            },
            "Output format: table (the default human form), json or yaml")
        ->type_name("FORMAT")
        ->check(CLI::IsMember({"table", "json", "yaml"}));
}

void add_env_file_option(CLI::App& command, Invocation& invocation)
{
    command
        .add_option_function<std::string>(
            "--env-file",
            [&invocation](const std::string& value) { invocation.set_env_file(value); },
            "Load KEY=VALUE lines from FILE into the environment first")
        ->type_name("FILE");
}

void add_db_option(CLI::App& command, Invocation& invocation)
{
    command
        .add_option_function<std::string>(
            "--db",
            [&invocation](const std::string& value) {
                invocation.override_config("dbpath", value, "flag --db");
            },
            "MLRun API URL (http[s]://...) or local store path")
        ->type_name("URL");
}

const CLI::Validator& seconds()
{
    static const CLI::Validator validator{
        [](std::string& text) -> std::string {
            char* end = nullptr;
            const double value = std::strtod(text.c_str(), &end);
            if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value) ||
                value < 0 || value > 1e8) {
                return "must be a number of seconds from 0 to 100000000, not '" + text + "'";
            }
            return {};
        },
        ""};
    return validator;
}

CLI::Validator whole_number(long long minimum, long long maximum)
{
    return CLI::Validator{
        [minimum, maximum](std::string& text) -> std::string {
            const bool digits = !text.empty() && text.size() <= 17 &&
                                std::all_of(text.begin() + (text[0] == '-' ? 1 : 0), text.end(),
                                            [](char c) { return c >= '0' && c <= '9'; }) &&
                                text != "-";
            if (!digits || std::stoll(text) < minimum || std::stoll(text) > maximum) {
                return "must be a whole number from " + std::to_string(minimum) + " to " +
                       std::to_string(maximum) + ", not '" + text + "'";
            }
            return {};
        },
        ""};
}

}  // namespace mlrun::cli
