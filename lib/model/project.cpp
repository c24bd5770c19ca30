// An MLRun project: reading and writing project.yaml content in MLRun's shape.

#include "lib/model/project.hpp"

#include <cctype>

#include "lib/error.hpp"
#include "lib/model/fields.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::model {
namespace {

using namespace fields;

FunctionEntry function_entry_from_json(const Json& data, std::size_t index)
{
    const auto where = "spec.functions[" + std::to_string(index) + "]";
    if (!data.is_object()) {
        throw Error("field '" + where + "' must be a mapping", ErrorKind::usage);
    }
    Json rest = data;
    FunctionEntry entry;
    entry.name = take_string(rest, "name", where);
    entry.url = take_string(rest, "url", where);
    entry.kind = take_string(rest, "kind", where);
    entry.image = take_string(rest, "image", where);
    entry.handler = take_string(rest, "handler", where);
    entry.tag = take_string(rest, "tag", where);
    entry.requirements_file = take_string(rest, "requirements_file", where);
    entry.with_repo = take_bool(rest, "with_repo", where);
    entry.requirements = take_strings(rest, "requirements", where);
    entry.spec = take_any(rest, "spec");
    if (!entry.spec.is_null() && !entry.spec.is_object()) {
        throw Error("field '" + where + ".spec' must be a mapping", ErrorKind::usage);
    }
    entry.extra = std::move(rest);
    return entry;
}

Json to_json(const FunctionEntry& entry)
{
    Json out = Json::object();
    put(out, "url", entry.url);
    put(out, "name", entry.name);
    put(out, "kind", entry.kind);
    put(out, "image", entry.image);
    put(out, "handler", entry.handler);
    put(out, "with_repo", entry.with_repo);
    put(out, "tag", entry.tag);
    put(out, "requirements", entry.requirements);
    put(out, "requirements_file", entry.requirements_file);
    put(out, "spec", entry.spec);
    put_extra(out, entry.extra);
    return out;
}

WorkflowEntry workflow_entry_from_json(const Json& data, std::size_t index)
{
    const auto where = "spec.workflows[" + std::to_string(index) + "]";
    if (!data.is_object()) {
        throw Error("field '" + where + "' must be a mapping", ErrorKind::usage);
    }
    Json rest = data;
    WorkflowEntry entry;
    entry.name = take_string(rest, "name", where);
    entry.path = take_string(rest, "path", where);
    entry.code = take_string(rest, "code", where);
    entry.engine = take_string(rest, "engine", where);
    entry.handler = take_string(rest, "handler", where);
    entry.schedule = take_string(rest, "schedule", where);
    entry.image = take_string(rest, "image", where);
    entry.args = take_object(rest, "args", where);
    entry.args_schema = take_array(rest, "args_schema", where);
    entry.extra = std::move(rest);
    return entry;
}

Json to_json(const WorkflowEntry& entry)
{
    Json out = Json::object();
    put(out, "name", entry.name);
    put(out, "path", entry.path);
    put(out, "code", entry.code);
    put(out, "engine", entry.engine);
    put(out, "handler", entry.handler);
    put(out, "args", entry.args);
    put(out, "args_schema", entry.args_schema);
    put(out, "schedule", entry.schedule);
    put(out, "image", entry.image);
    put_extra(out, entry.extra);
    return out;
}

// The pre-`kind` layout keeps name, functions, workflows... at the top level.
bool is_legacy_layout(const Json& data)
{
    if (data.contains("spec") || data.contains("metadata")) {
        return false;
    }
    for (const char* key : {"name", "functions", "workflows", "workflow", "artifacts", "params"}) {
        if (data.contains(key)) {
            return true;
        }
    }
    return false;
}

Json modern_layout(const Json& legacy)
{
    Json spec = legacy;
    Json metadata = Json::object();
    if (spec.contains("name")) {
        metadata["name"] = spec["name"];
        spec.erase("name");
    }
    spec.erase("kind");
    return Json{{"kind", "project"}, {"metadata", metadata}, {"spec", spec}};
}

}  // namespace

std::string normalize_name(std::string_view name)
{
    std::string out;
    for (char c : util::trim(name)) {
        if (std::isspace(static_cast<unsigned char>(c)) != 0 || c == '_') {
            out += '-';
        } else {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return out;
}

bool is_project_name(std::string_view name)
{
    constexpr auto edge = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    constexpr auto inner = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    };
    return name.size() <= 63 && util::is_delimited_name(name, edge, inner);
}

std::string project_name_error(std::string_view name)
{
    if (!is_project_name(name)) {
        return "Field 'project.metadata.name' is malformed. '" + std::string{name} +
               "' does not match required pattern: ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ (at most 63 "
               "characters)";
    }
    return {};
}

const FunctionEntry* Project::find_function(std::string_view name) const
{
    const auto wanted = normalize_name(name);
    for (const auto& entry : spec.functions) {
        if (normalize_name(entry.name) == wanted) {
            return &entry;
        }
    }
    for (const auto& entry : spec.functions) {
        if (entry.name == name) {
            return &entry;
        }
    }
    return nullptr;
}

Project project_from_json(const Json& input)
{
    require_object(input, "a project");
    Project project;
    project.legacy_format = is_legacy_layout(input);
    Json rest = project.legacy_format ? modern_layout(input) : input;
    const auto kind = take_string(rest, "kind", "");
    if (!kind.empty() && kind != "project") {
        throw Error("expected kind 'project', got '" + kind + "'", ErrorKind::usage);
    }

    auto metadata = take_section(rest, "metadata", "");
    project.metadata.name = take_string(metadata, "name", "metadata");
    project.metadata.created = take_string(metadata, "created", "metadata");
    project.metadata.labels = take_object(metadata, "labels", "metadata");
    project.metadata.annotations = take_object(metadata, "annotations", "metadata");
    project.metadata.extra = std::move(metadata);

    auto spec = take_section(rest, "spec", "");
    auto& s = project.spec;
    s.description = take_string(spec, "description", "spec");
    s.params = take_object(spec, "params", "spec");
    const auto functions = take_array(spec, "functions", "spec");
    for (std::size_t i = 0; i < functions.size(); ++i) {
        s.functions.push_back(function_entry_from_json(functions[i], i));
    }
    const auto workflows = take_array(spec, "workflows", "spec");
    for (std::size_t i = 0; i < workflows.size(); ++i) {
        s.workflows.push_back(workflow_entry_from_json(workflows[i], i));
    }
    s.artifacts = take_array(spec, "artifacts", "spec");
    s.artifact_path = take_string(spec, "artifact_path", "spec");
    s.source = take_string(spec, "source", "spec");
    s.subpath = take_string(spec, "subpath", "spec");
    s.origin_url = take_string(spec, "origin_url", "spec");
    s.goals = take_string(spec, "goals", "spec");
    s.load_source_on_run = take_bool(spec, "load_source_on_run", "spec");
    s.default_requirements = take_strings(spec, "default_requirements", "spec");
    s.desired_state = take_string(spec, "desired_state", "spec");
    s.owner = take_string(spec, "owner", "spec");
    s.workdir = take_string(spec, "workdir", "spec");
    s.default_image = take_string(spec, "default_image", "spec");
    s.build = take_object(spec, "build", "spec");
    s.extra = std::move(spec);

    auto status = take_section(rest, "status", "");
    project.status.state = take_string(status, "state", "status");
    project.status.extra = std::move(status);
    project.extra = std::move(rest);
    return project;
}

Json to_json(const Project& project)
{
    Json metadata = Json::object();
    put(metadata, "name", project.metadata.name);
    put(metadata, "created", project.metadata.created);
    put(metadata, "labels", project.metadata.labels);
    put(metadata, "annotations", project.metadata.annotations);
    put_extra(metadata, project.metadata.extra);

    const auto& s = project.spec;
    Json spec = Json::object();
    put(spec, "description", s.description);
    put(spec, "params", s.params);
    Json functions = Json::array();
    for (const auto& entry : s.functions) {
        functions.push_back(to_json(entry));
    }
    put(spec, "functions", functions);
    Json workflows = Json::array();
    for (const auto& entry : s.workflows) {
        workflows.push_back(to_json(entry));
    }
    put(spec, "workflows", workflows);
    put(spec, "artifacts", s.artifacts);
    put(spec, "artifact_path", s.artifact_path);
    put_always(spec, "source", s.source);
    put(spec, "subpath", s.subpath);
    put(spec, "origin_url", s.origin_url);
    put(spec, "goals", s.goals);
    put(spec, "load_source_on_run", s.load_source_on_run);
    put(spec, "default_requirements", s.default_requirements);
    put(spec, "desired_state", s.desired_state.empty() ? std::string{"online"} : s.desired_state);
    put(spec, "owner", s.owner);
    put(spec, "workdir", s.workdir);
    put(spec, "default_image", s.default_image);
    put(spec, "build", s.build);
    put_extra(spec, s.extra);
    spec.emplace("conda", "");  // legacy; MLRun 1.7 always writes it, empty

    Json status = Json::object();
    put(status, "state", project.status.state);
    put_extra(status, project.status.extra);

    Json out = Json::object();
    out["kind"] = "project";
    out["metadata"] = metadata;
    out["spec"] = spec;
    put(out, "status", status);
    put_extra(out, project.extra);
    return out;
}

}  // namespace mlrun::model
