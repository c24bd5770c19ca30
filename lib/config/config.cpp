// The effective client configuration and where each value came from.

#include "lib/config/config.hpp"

#include <algorithm>

#include "lib/error.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::config {

std::vector<std::string> key_path(std::string_view dotted_key)
{
    auto path = util::split(dotted_key, ".");
    for (const auto& segment : path) {
        if (segment.empty()) {
            throw Error("invalid configuration key '" + std::string{dotted_key} + "'",
                        ErrorKind::usage);
        }
    }
    return path;
}

std::vector<std::pair<std::string, Json>> flatten(const Json& tree, const std::string& prefix)
{
    std::vector<std::pair<std::string, Json>> leaves;
    if (!tree.is_object() || tree.empty()) {
        leaves.emplace_back(prefix, tree);
        return leaves;
    }
    const auto ordered = sorted(tree);
    for (auto it = ordered.begin(); it != ordered.end(); ++it) {
        auto nested = flatten(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key());
        leaves.insert(leaves.end(), nested.begin(), nested.end());
    }
    return leaves;
}

Json sorted(const Json& value)
{
    if (value.is_array()) {
        Json out = Json::array();
        for (const auto& item : value) {
            out.push_back(sorted(item));
        }
        return out;
    }
    if (!value.is_object()) {
        return value;
    }
    std::vector<std::string> keys;
    for (auto it = value.begin(); it != value.end(); ++it) {
        keys.push_back(it.key());
    }
    std::sort(keys.begin(), keys.end());
    Json out = Json::object();
    for (const auto& key : keys) {
        out[key] = sorted(value.at(key));
    }
    return out;
}

Config::Config() : m_tree(default_tree()) {}

Config::Config(Json tree, std::map<std::string, std::string> origins)
    : m_tree(std::move(tree)), m_origins(std::move(origins))
{
}

const Json* Config::find(std::string_view dotted_key) const
{
    const Json* node = &m_tree;
    for (const auto& segment : key_path(dotted_key)) {
        if (!node->is_object()) {
            return nullptr;
        }
        const auto found = node->find(segment);
        if (found == node->end()) {
            return nullptr;
        }
        node = &*found;
    }
    return node;
}

void Config::set(std::string_view dotted_key, Json value, const std::string& origin)
{
    Json* node = &m_tree;
    const auto path = key_path(dotted_key);
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
        if (!(*node)[path[i]].is_object()) {
            (*node)[path[i]] = Json::object();
        }
        node = &(*node)[path[i]];
    }
    (*node)[path.back()] = std::move(value);
    const std::string key{dotted_key};
    for (auto it = m_origins.begin(); it != m_origins.end();) {  // the leaves below it too
        it = it->first == key || it->first.starts_with(key + ".") ? m_origins.erase(it)
                                                                  : std::next(it);
    }
    m_origins[key] = origin;
}

std::string Config::origin(std::string_view dotted_key) const
{
    std::string key{dotted_key};
    while (true) {
        if (const auto found = m_origins.find(key); found != m_origins.end()) {
            return found->second;
        }
        const auto dot = key.rfind('.');
        if (dot == std::string::npos) {
            return "default";
        }
        key.resize(dot);
    }
}

std::string Config::text(std::string_view dotted_key) const
{
    const auto* value = find(dotted_key);
    if (value == nullptr || value->is_null()) {
        return {};
    }
    if (value->is_string()) {
        return value->get<std::string>();
    }
    return value->dump();
}

bool Config::flag(std::string_view dotted_key) const
{
    const auto* value = find(dotted_key);
    if (value == nullptr || value->is_null()) {
        return false;
    }
    if (value->is_boolean()) {
        return value->get<bool>();
    }
    if (value->is_string()) {
        return !value->get_ref<const std::string&>().empty();  // Python truthiness, as MLRun
    }
    if (value->is_number()) {
        return value->get<double>() != 0.0;
    }
    return !value->empty();
}

}  // namespace mlrun::config
