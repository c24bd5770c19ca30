// Layered configuration loading in one function, as the Python client does it.

#include "lib/config/load.hpp"

#include "lib/config/env_file.hpp"
#include "lib/error.hpp"
#include "lib/util/files.hpp"
#include "lib/util/strings.hpp"
#include "lib/yaml/yaml.hpp"

namespace mlrun::config {
namespace {

using Origins = std::map<std::string, std::string>;

// Variables that steer loading itself and never map to a configuration key.
bool is_loader_variable(std::string_view name)
{
    return name == "MLRUN_CONFIG_FILE" || name == "MLRUN_ENV_FILE" ||
           name == "MLRUN_DEFAULT_ENV_FILE" || name == "MLRUN_IGNORE_ENV_FILE";
}

void apply_env_file(const std::filesystem::path& path, Environment& environment,
                    std::map<std::string, std::string>& variable_origins)
{
    const auto text = util::find_file(path);
    if (!text) {
        return;
    }
    for (auto& entry : parse_env_file(*text, path.string(), environment)) {
        variable_origins[entry.key] = "env file " + path.string();
        environment[entry.key] = std::move(entry.value);
    }
}

void record_leaf_origins(const Json& value, const std::string& prefix, const std::string& origin,
                         Origins& origins)
{
    origins[prefix] = origin;
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            record_leaf_origins(it.value(), prefix + "." + it.key(), origin, origins);
        }
    }
}

void merge(Json& target, const Json& source, const std::string& prefix, const std::string& origin,
           Origins& origins)
{
    for (auto it = source.begin(); it != source.end(); ++it) {
        const auto key = prefix.empty() ? it.key() : prefix + "." + it.key();
        auto& slot = target[it.key()];
        if (slot.is_object() && it.value().is_object()) {
            merge(slot, it.value(), key, origin, origins);
        } else {
            slot = it.value();
            record_leaf_origins(slot, key, origin, origins);
        }
    }
}

// Sets `path` in `tree` when MLRun would: every parent exists as a mapping and the leaf either
// exists or lives in a free-form mapping (one whose default is empty). Returns false otherwise.
bool set_known_key(Json& tree, const std::vector<std::string>& path, const Json& value,
                   const std::string& origin, Origins& origins)
{
    Json* node = &tree;
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
        const auto found = node->find(path[i]);
        if (found == node->end() || !found->is_object()) {
            return false;
        }
        node = &*found;
    }
    const auto found = node->find(path.back());
    const bool free_form = node->empty() && node != &tree;
    if (found == node->end() && !free_form) {
        return false;
    }
    auto& slot = (*node)[path.back()];
    const auto key = util::join(path, ".");
    if (slot.is_object() && value.is_object()) {
        merge(slot, value, key, origin, origins);
    } else {
        slot = value;
        record_leaf_origins(slot, key, origin, origins);
    }
    return true;
}

}  // namespace

std::string key_of_variable(std::string_view variable)
{
    if (!variable.starts_with("MLRUN_") || variable.size() == 6) {
        return {};
    }
    return util::replace_all(util::to_lower(variable.substr(6)), "__", ".");
}

Json decode_variable_value(const std::string& text)
{
    return try_parse_json(text).value_or(Json(text));
}

Loaded load(const LoadRequest& request)
{
    Environment environment = request.environment;
    std::map<std::string, std::string> variable_origins;

    if (lookup(environment, "MLRUN_IGNORE_ENV_FILE").value_or("").empty()) {
        const auto explicit_file = lookup(environment, "MLRUN_ENV_FILE");
        const auto path = explicit_file ? expand_home(*explicit_file, environment)
                                        : default_env_file(environment);
        apply_env_file(path, environment, variable_origins);
    }
    if (!request.env_file_flag.empty()) {
        const auto path = expand_home(request.env_file_flag, environment);
        if (!std::filesystem::exists(path)) {
            throw Error("env file " + path.string() + " does not exist", ErrorKind::not_found);
        }
        apply_env_file(path, environment, variable_origins);
    }

    Json tree = default_tree();
    Origins origins;

    if (const auto file = lookup(environment, "MLRUN_CONFIG_FILE"); file && !file->empty()) {
        const auto path = expand_home(*file, environment);
        const auto data = yaml::parse(util::read_file(path), path.string());
        if (!data.is_null()) {
            if (!data.is_object()) {
                throw Error("configuration in " + path.string() + " not a dict", ErrorKind::usage);
            }
            merge(tree, data, "", "config file " + path.string(), origins);
        }
    }

    for (const auto& [name, text] : environment) {
        const auto key = key_of_variable(name);
        if (key.empty() || is_loader_variable(name)) {
            continue;
        }
        const auto path = util::split(key, ".");
        if (std::any_of(path.begin(), path.end(), [](const auto& s) { return s.empty(); })) {
            continue;
        }
        const auto from = variable_origins.find(name);
        const auto origin =
            from == variable_origins.end() ? "env " + name : from->second + " (" + name + ")";
        set_known_key(tree, path, decode_variable_value(text), origin, origins);
    }

    for (const auto& flag : request.flags) {
        Json* node = &tree;
        const auto path = key_path(flag.key);
        for (std::size_t i = 0; i + 1 < path.size(); ++i) {
            node = &(*node)[path[i]];
        }
        (*node)[path.back()] = flag.value;
        record_leaf_origins(flag.value, flag.key, flag.origin, origins);
    }

    return {Config{std::move(tree), std::move(origins)}, std::move(environment)};
}

}  // namespace mlrun::config
