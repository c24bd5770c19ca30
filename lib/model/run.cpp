// An MLRun run object: reading and writing it in MLRun's shape.

#include "lib/model/run.hpp"

#include "lib/error.hpp"
#include "lib/model/artifact.hpp"
#include "lib/model/fields.hpp"

namespace mlrun::model {

using namespace fields;

namespace {

constexpr std::pair<RunState, std::string_view> state_names[] = {
    {RunState::created, "created"}, {RunState::pending, "pending"},
    {RunState::running, "running"}, {RunState::completed, "completed"},
    {RunState::error, "error"},     {RunState::aborting, "aborting"},
    {RunState::aborted, "aborted"}, {RunState::unknown, "unknown"},
    {RunState::skipped, "skipped"},
};

}  // namespace

std::string_view to_string(RunState state)
{
    for (const auto& [value, name] : state_names) {
        if (value == state) {
            return name;
        }
    }
    return "unknown";
}

RunState parse_run_state(std::string_view text)
{
    for (const auto& [value, name] : state_names) {
        if (name == text) {
            return value;
        }
    }
    return RunState::unknown;
}

bool is_terminal(RunState state)
{
    return state == RunState::completed || state == RunState::error || state == RunState::aborted ||
           state == RunState::skipped;
}

std::string Run::uri() const
{
    return metadata.project + "@" + metadata.uid + "#" + std::to_string(metadata.iteration);
}

std::string Run::artifact_tree() const
{
    if (metadata.labels.is_object()) {
        const auto workflow = metadata.labels.find("workflow");
        const auto job_type = metadata.labels.find("job-type");
        const bool runner = job_type != metadata.labels.end() && *job_type == "workflow-runner";
        if (workflow != metadata.labels.end() && workflow->is_string() && !runner &&
            !workflow->get<std::string>().empty()) {
            return workflow->get<std::string>();
        }
    }
    return metadata.uid;
}

Json Run::artifact_uris() const
{
    Json uris = status.artifact_uris.is_object() ? status.artifact_uris : Json::object();
    for (const auto& data : status.artifacts) {
        if (!data.is_object()) {
            continue;
        }
        auto artifact = artifact_from_json(data);
        if (artifact.metadata.key.empty()) {
            continue;
        }
        if (artifact.metadata.project.empty()) {
            artifact.metadata.project = metadata.project;
        }
        if (artifact.metadata.tree.empty()) {
            artifact.metadata.tree = artifact_tree();
        }
        if (artifact.spec.db_key.empty()) {
            artifact.spec.db_key = metadata.name + "_" + artifact.metadata.key;
        }
        uris[artifact.metadata.key] = artifact.store_uri();
    }
    return uris;
}

Run run_from_json(Json input)
{
    require_object(input, "a run");
    Json& rest = input;
    Run run;
    run.kind = take_string(rest, "kind", "");

    auto metadata = take_section(rest, "metadata", "");
    auto& m = run.metadata;
    m.name = take_string(metadata, "name", "metadata");
    m.uid = take_string(metadata, "uid", "metadata");
    m.iteration = take_int(metadata, "iteration", "metadata").value_or(0);
    m.project = take_string(metadata, "project", "metadata");
    m.labels = take_object(metadata, "labels", "metadata");
    m.annotations = take_object(metadata, "annotations", "metadata");
    m.extra = std::move(metadata);

    auto spec = take_section(rest, "spec", "");
    auto& s = run.spec;
    s.function = take_string(spec, "function", "spec");
    s.handler = take_string(spec, "handler", "spec");
    s.parameters = take_object(spec, "parameters", "spec");
    s.inputs = take_object(spec, "inputs", "spec");
    s.outputs = take_array(spec, "outputs", "spec");
    s.returns = take_array(spec, "returns", "spec");
    s.input_path = take_string(spec, "input_path", "spec");
    s.output_path = take_string(spec, "output_path", "spec");
    s.hyperparams = take_object(spec, "hyperparams", "spec");
    s.hyper_param_options = take_object(spec, "hyper_param_options", "spec");
    s.secret_sources = take_array(spec, "secret_sources", "spec");
    s.verbose = take_bool(spec, "verbose", "spec");
    s.scrape_metrics = take_bool(spec, "scrape_metrics", "spec");
    s.extra = std::move(spec);

    auto status = take_section(rest, "status", "");
    auto& st = run.status;
    const auto state = take_string(status, "state", "status");
    // The context form omits the state of a completed run.
    st.state = state.empty() ? (run.kind == "run" ? RunState::completed : RunState::created)
                             : parse_run_state(state);
    st.error = take_string(status, "error", "status");
    st.host = take_string(status, "host", "status");
    st.commit = take_string(status, "commit", "status");
    st.results = take_object(status, "results", "status");
    st.artifacts = take_array(status, "artifacts", "status");
    st.artifact_uris = take_object(status, "artifact_uris", "status");
    st.start_time = take_string(status, "start_time", "status");
    st.last_update = take_string(status, "last_update", "status");
    st.iterations = take_array(status, "iterations", "status");
    st.ui_url = take_string(status, "ui_url", "status");
    st.extra = std::move(status);
    run.extra = std::move(rest);
    return run;
}

Json to_json(const Run& run)
{
    // A run as MLRun records it (kind "run") keeps its empty sections, as MLRun writes them.
    const bool recorded = run.kind == "run";
    const auto section = [recorded](Json& out, std::string_view key, const Json& value) {
        recorded ? put_always(out, key, value) : put(out, key, value);
    };
    const auto& m = run.metadata;
    Json metadata = Json::object();
    put(metadata, "name", m.name);
    put(metadata, "uid", m.uid);
    put_always(metadata, "iteration", m.iteration);
    put(metadata, "project", m.project);
    put(metadata, "labels", m.labels);
    section(metadata, "annotations", m.annotations);
    put_extra(metadata, m.extra);

    const auto& s = run.spec;
    Json spec = Json::object();
    put(spec, "function", s.function);
    put(spec, "handler", s.handler);
    put(spec, "parameters", s.parameters);
    section(spec, "inputs", s.inputs);
    section(spec, "outputs", s.outputs);
    put(spec, "returns", s.returns);
    put(spec, "input_path", s.input_path);
    if (recorded) {
        put_always(spec, "output_path", s.output_path);
    } else {
        put(spec, "output_path", s.output_path);
    }
    section(spec, "hyperparams", s.hyperparams);
    section(spec, "hyper_param_options", s.hyper_param_options);
    put(spec, "secret_sources", s.secret_sources);
    put(spec, "verbose", s.verbose);
    put(spec, "scrape_metrics", s.scrape_metrics);
    put_extra(spec, s.extra);

    const auto& st = run.status;
    Json status = Json::object();
    status["state"] = std::string{to_string(st.state)};
    put(status, "error", st.error);
    put(status, "host", st.host);
    put(status, "commit", st.commit);
    section(status, "results", st.results);
    section(status, "artifacts", st.artifacts);
    put(status, "artifact_uris", st.artifact_uris);
    put(status, "start_time", st.start_time);
    put(status, "last_update", st.last_update);
    put(status, "iterations", st.iterations);
    put(status, "ui_url", st.ui_url);
    put_extra(status, st.extra);

    Json out = Json::object();
    put(out, "kind", run.kind);
    out["metadata"] = metadata;
    out["spec"] = spec;
    out["status"] = status;
    put_extra(out, run.extra);
    return out;
}

}  // namespace mlrun::model
