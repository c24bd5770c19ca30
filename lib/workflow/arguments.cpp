// Workflow arguments: args, args_schema defaults, caller's values; required, type and choices.

#include "lib/workflow/arguments.hpp"

#include "lib/error.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::workflow {
namespace {

// MLRun's schema types are Python type names; unknown ones are not checked.
bool has_type(const Json& value, const std::string& type)
{
    const auto name = util::to_lower(type);
    if (name == "int" || name == "integer") {
        return value.is_number_integer();
    }
    if (name == "float" || name == "number") {
        return value.is_number();
    }
    if (name == "bool" || name == "boolean") {
        return value.is_boolean();
    }
    if (name == "str" || name == "string") {
        return value.is_string();
    }
    if (name == "list") {
        return value.is_array();
    }
    if (name == "dict") {
        return value.is_object();
    }
    return true;
}

// A string given for a numeric or boolean argument ("5" from a YAML default written quoted).
Json coerced(const Json& value, const std::string& type)
{
    if (!value.is_string()) {
        return value;
    }
    const auto name = util::to_lower(type);
    const auto& text = value.get_ref<const std::string&>();
    if (name == "float" || name == "int") {
        if (const auto parsed = try_parse_json(text); parsed && parsed->is_number()) {
            return *parsed;
        }
    }
    if (name == "bool") {
        const auto word = util::to_lower(text);
        if (word == "true") {
            return true;
        }
        if (word == "false") {
            return false;
        }
    }
    return value;
}

}  // namespace

Json merge_arguments(const model::WorkflowEntry& workflow, const Json& given)
{
    Json arguments = workflow.args.is_object() ? workflow.args : Json::object();
    std::vector<std::string> missing;
    const Json schema = workflow.args_schema.is_array() ? workflow.args_schema : Json::array();
    for (const auto& entry : schema) {
        if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string()) {
            continue;
        }
        const auto name = entry["name"].get<std::string>();
        if (!arguments.contains(name) && entry.contains("default") && !entry["default"].is_null()) {
            arguments[name] = entry["default"];
        }
    }
    if (given.is_object()) {
        for (auto it = given.begin(); it != given.end(); ++it) {
            arguments[it.key()] = it.value();
        }
    }
    for (const auto& entry : schema) {
        if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string()) {
            continue;
        }
        const auto name = entry["name"].get<std::string>();
        if (!arguments.contains(name)) {
            if (entry.value("required", false)) {
                missing.push_back(name);
            }
            continue;
        }
        const auto type = entry.value("type", std::string{});
        if (!type.empty()) {
            arguments[name] = coerced(arguments[name], type);
            if (!has_type(arguments[name], type)) {
                throw Error("workflow argument " + name + "=" + arguments[name].dump() +
                                " is not of type " + type,
                            ErrorKind::usage, entry.value("doc", std::string{}));
            }
        }
        if (entry.contains("choices") && entry["choices"].is_array() && !entry["choices"].empty()) {
            bool found = false;
            for (const auto& choice : entry["choices"]) {
                found = found || choice == arguments[name];
            }
            if (!found) {
                throw Error("workflow argument " + name + "=" + arguments[name].dump() +
                                " is not one of " + entry["choices"].dump(),
                            ErrorKind::usage);
            }
        }
    }
    if (!missing.empty()) {
        throw Error("Workflow argument(s) " + util::join(missing, ",") +
                        " are required and were not specified",
                    ErrorKind::usage, "pass them with -a NAME=VALUE");
    }
    return arguments;
}

}  // namespace mlrun::workflow
