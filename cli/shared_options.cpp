// Options several commands share.

#include "cli/shared_options.hpp"

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

}  // namespace mlrun::cli
