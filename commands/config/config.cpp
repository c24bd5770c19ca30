// `mlrun config [get|set|clear] [KEY]`: show the effective configuration (secrets redacted,
// optionally with where each value came from), or write/delete the .env file as MLRun does.

#include "commands/commands.hpp"

#include "cli/shared_options.hpp"
#include "lib/config/env_file.hpp"
#include "lib/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/redact.hpp"
#include "lib/util/strings.hpp"
#include "lib/yaml/yaml.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::string operation = "get";
    std::string key;  // get only: print this one value
    std::string env_file;
    std::string api;
    std::string artifact_path;
    std::string username;
    std::string access_key;
    std::vector<std::string> env_vars;
    bool show_origin = false;
};

std::string scalar_text(const Json& value)
{
    if (value.is_string()) {
        return value.get<std::string>();
    }
    return value.is_null() ? std::string{} : value.dump();
}

void show_config(const Options& options, cli::Invocation& invocation)
{
    if (!options.env_file.empty()) {
        const auto path = config::expand_home(options.env_file, invocation.environment());
        if (!std::filesystem::exists(path)) {
            throw Error("env file " + path.string() + " does not exist", ErrorKind::not_found);
        }
        invocation.set_env_file(options.env_file);
    }
    if (!options.api.empty()) {
        invocation.override_config("dbpath", options.api, "flag --api");
    }
    if (!options.artifact_path.empty()) {
        invocation.override_config("artifact_path", options.artifact_path, "flag --artifact-path");
    }
    const auto& config = invocation.config();
    if ((!options.env_file.empty() || !options.api.empty()) && config.artifact_path().empty()) {
        throw Error(
            "default artifact_path was not configured, please specify a valid artifact_path",
            ErrorKind::usage, "pass -p PATH or set MLRUN_ARTIFACT_PATH");
    }

    const Json* selected = &config.tree();
    if (!options.key.empty()) {
        selected = config.find(options.key);
        if (selected == nullptr) {
            throw Error("configuration key '" + options.key + "' not found", ErrorKind::not_found,
                        "run 'mlrun config' to see every key");
        }
    }
    const auto leaf_name = options.key.substr(options.key.rfind('.') + 1);
    const auto safe = util::redact_value(leaf_name, config::sorted(*selected));

    if (options.show_origin) {
        cli::Table table{"key", "value", "origin"};
        Json rows = Json::array();
        for (const auto& [key, value] : config::flatten(safe, options.key)) {
            const auto origin = config.origin(key);
            table.add_row({key, scalar_text(value), origin});
            rows.push_back({{"key", key}, {"value", value}, {"origin", origin}});
        }
        invocation.output().list("settings", rows, table);
        return;
    }
    if (options.key.empty() || safe.is_object() || safe.is_array()) {
        invocation.output().show(safe);
        return;
    }
    invocation.output().show(Json{{"key", options.key}, {"value", safe}},
                             [&](std::ostream& out) { out << scalar_text(safe) << '\n'; });
}

void set_config(const Options& options, cli::Invocation& invocation)
{
    const auto& environment = invocation.environment();
    std::vector<config::EnvEntry> updates;
    const auto add = [&](const char* key, const std::string& value) {
        if (!value.empty()) {
            updates.push_back({key, value});
        }
    };
    add("MLRUN_DBPATH", options.api);
    add("MLRUN_ARTIFACT_PATH", options.artifact_path);
    add("V3IO_USERNAME", options.username);
    add("V3IO_ACCESS_KEY", options.access_key);
    for (const auto& pair : options.env_vars) {
        const auto equals = pair.find('=');
        if (equals == std::string::npos || equals == 0) {
            throw Error("invalid --env-vars value '" + pair + "'", ErrorKind::usage,
                        "use KEY=VALUE");
        }
        updates.push_back({pair.substr(0, equals),
                           config::expand_variables(pair.substr(equals + 1), environment)});
    }
    if (updates.empty()) {
        throw Error("nothing to set", ErrorKind::usage,
                    "pass one or more of -a URL, -p PATH, -u USER, -k KEY, -e KEY=VALUE");
    }

    const auto path = config::default_env_file(environment, options.env_file);
    const auto existing = util::find_file(path);
    invocation.output().text(existing ? "Updating configuration in .env file " + path.string()
                                      : ".env file " + path.string() +
                                            " not found, creating new and setting configuration");
    util::write_file_atomically(path, config::set_env_keys(existing.value_or(""), updates),
                                util::FileMode::private_);
    if (!options.env_file.empty()) {
        invocation.output().text("To use the " + options.env_file +
                                 " .env file add the following to your development environment:");
        invocation.output().text("MLRUN_ENV_FILE=" + options.env_file);
    }
}

void clear_config(const Options& options, cli::Invocation& invocation)
{
    const auto path = config::default_env_file(invocation.environment(), options.env_file);
    if (!std::filesystem::exists(path)) {
        invocation.output().text(".env file " + path.string() + " not found");
        return;
    }
    invocation.output().text("Deleting .env file " + path.string());
    std::error_code error;
    if (!std::filesystem::remove(path, error) || error) {
        throw Error("cannot delete '" + path.string() + "': " + error.message());
    }
}

void execute(const Options& options, cli::Invocation& invocation)
{
    const auto operation = util::to_lower(options.operation);
    if (operation != "get" && !options.key.empty()) {
        throw Error("'mlrun config " + operation + "' takes no KEY argument", ErrorKind::usage,
                    "see 'mlrun config --help'");
    }
    if (operation == "get") {
        show_config(options, invocation);
    } else if (operation == "set") {
        set_config(options, invocation);
    } else if (operation == "clear") {
        clear_config(options, invocation);
    } else {
        throw Error("unsupported config option '" + options.operation + "'", ErrorKind::usage,
                    "use one of: get, set, clear");
    }
}

}  // namespace

void add_config(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    command.add_option("command", options->operation, "get (default), set or clear")
        ->type_name("COMMAND");
    command
        .add_option("key", options->key, "get: print only this dotted key, e.g. httpdb.http.verify")
        ->type_name("KEY");
    command
        .add_option("-f,--env-file", options->env_file,
                    "Env file to read (get) or write (set, clear); default ~/.mlrun.env or "
                    "$MLRUN_DEFAULT_ENV_FILE")
        ->type_name("FILE");
    command.add_option("-a,--api", options->api, "MLRun API URL (MLRUN_DBPATH)")->type_name("URL");
    command
        .add_option("-p,--artifact-path", options->artifact_path,
                    "Default artifact path (MLRUN_ARTIFACT_PATH)")
        ->type_name("PATH");
    command.add_option("-u,--username", options->username, "User name (V3IO_USERNAME)")
        ->type_name("USER");
    command.add_option("-k,--access-key", options->access_key, "Access key (V3IO_ACCESS_KEY)")
        ->type_name("KEY");
    command.add_option("-e,--env-vars", options->env_vars, "Extra KEY=VALUE to set (repeatable)")
        ->type_name("KEY=VALUE")
        ->allow_extra_args(false);
    command.add_flag("--show-origin", options->show_origin, "get: show where each value came from");
    cli::add_output_option(command, invocation);
    command.callback([options, &invocation] { execute(*options, invocation); });
}

}  // namespace mlrun::commands
