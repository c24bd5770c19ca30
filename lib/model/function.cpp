// An MLRun function: reading and writing function.yaml content in MLRun's shape.

#include "lib/model/function.hpp"

#include "lib/error.hpp"
#include "lib/model/fields.hpp"

namespace mlrun::model {

using namespace fields;

namespace {

// The spec fields MLRun 1.7's function to_dict writes when they were never set (golden rest:
// functions stored by `mlrun run` and by project sync): every kind, and Kubernetes jobs.
void add_spec_defaults(Json& spec, std::string_view kind)
{
    spec.emplace("disable_auto_mount", false);
    if (kind != "job") {  // the kind recorded; other Kubernetes kinds are not, so left as read
        return;
    }
    spec.emplace("node_selector", Json::object());
    spec.emplace("tolerations", nullptr);
    spec.emplace("affinity", nullptr);
    spec.emplace("preemption_mode", "prevent");
    spec.emplace("state_thresholds", Json{{"pending_scheduled", "1h"},
                                          {"pending_not_scheduled", "-1"},
                                          {"image_pull_backoff", "1h"},
                                          {"executing", "24h"}});
}

}  // namespace

bool is_runtime_kind(std::string_view kind)
{
    for (const char* known : runtime_kinds) {
        if (kind == known) {
            return true;
        }
    }
    return false;
}

Json Function::env_list() const
{
    if (!spec.env.is_object()) {
        return spec.env.is_array() ? spec.env : Json::array();
    }
    Json list = Json::array();
    for (auto it = spec.env.begin(); it != spec.env.end(); ++it) {
        list.push_back({{"name", it.key()},
                        {"value", it->is_string() ? it->get<std::string>()
                                  : it->is_null() ? std::string{}
                                                  : it->dump()}});
    }
    return list;
}

Function function_from_json(const Json& input)
{
    require_object(input, "a function");
    Json rest = input;
    Function function;
    function.kind = take_string(rest, "kind", "");
    if (!function.kind.empty() && !is_runtime_kind(function.kind)) {
        throw Error("unsupported function kind '" + function.kind + "'", ErrorKind::usage,
                    "supported kinds: remote, nuclio, serving, dask, job, spark, remote-spark, "
                    "mpijob, local, databricks, application");
    }

    auto metadata = take_section(rest, "metadata", "");
    auto& m = function.metadata;
    m.name = take_string(metadata, "name", "metadata");
    m.tag = take_string(metadata, "tag", "metadata");
    m.hash = take_string(metadata, "hash", "metadata");
    m.project = take_string(metadata, "project", "metadata");
    m.labels = take_object(metadata, "labels", "metadata");
    m.annotations = take_object(metadata, "annotations", "metadata");
    m.categories = take_array(metadata, "categories", "metadata");
    m.extra = std::move(metadata);

    auto spec = take_section(rest, "spec", "");
    auto& s = function.spec;
    s.command = take_string(spec, "command", "spec");
    s.args = take_array(spec, "args", "spec");
    s.image = take_string(spec, "image", "spec");
    s.mode = take_string(spec, "mode", "spec");
    s.description = take_string(spec, "description", "spec");
    s.default_handler = take_string(spec, "default_handler", "spec");
    s.workdir = take_string(spec, "workdir", "spec");
    s.pythonpath = take_string(spec, "pythonpath", "spec");
    s.build = take_object(spec, "build", "spec");
    s.entry_points = take_object(spec, "entry_points", "spec");
    s.env = take_any(spec, "env");
    if (s.env.is_null()) {
        s.env = Json::array();
    } else if (!s.env.is_array() && !s.env.is_object()) {
        throw Error("field 'spec.env' must be a list of {name, value} (or a name -> value mapping)",
                    ErrorKind::usage);
    }
    s.extra = std::move(spec);

    function.status = take_section(rest, "status", "");
    function.verbose = take_bool(rest, "verbose", "");
    function.extra = std::move(rest);
    return function;
}

Json to_json(const Function& function)
{
    const auto& m = function.metadata;
    Json metadata = Json::object();
    put(metadata, "name", m.name);
    put(metadata, "tag", m.tag);
    put(metadata, "hash", m.hash);
    put(metadata, "project", m.project);
    put(metadata, "labels", m.labels);
    put(metadata, "annotations", m.annotations);
    put(metadata, "categories", m.categories);
    put_extra(metadata, m.extra);

    const auto& s = function.spec;
    Json spec = Json::object();
    spec["command"] = s.command;  // written even when empty, as MLRun's to_dict writes it
    put(spec, "args", s.args);
    spec["image"] = s.image;
    put(spec, "mode", s.mode);
    put(spec, "build", s.build);
    put(spec, "entry_points", s.entry_points);
    spec["description"] = s.description;
    put(spec, "default_handler", s.default_handler);
    put(spec, "workdir", s.workdir);
    put(spec, "pythonpath", s.pythonpath);
    put(spec, "env", s.env);
    put_extra(spec, s.extra);
    add_spec_defaults(spec, function.kind);

    Json out = Json::object();
    out["kind"] = function.kind;
    out["metadata"] = metadata;
    out["spec"] = spec;
    put(out, "status", function.status);
    out["verbose"] = function.verbose.value_or(false);
    put_extra(out, function.extra);
    return out;
}

}  // namespace mlrun::model
