// An MLRun artifact object: reading and writing it in MLRun's shape.

#include "lib/model/artifact.hpp"

#include "lib/error.hpp"
#include "lib/model/fields.hpp"

namespace mlrun::model {

using namespace fields;

bool is_artifact_kind(std::string_view kind)
{
    for (const char* known : {"artifact", "dir", "link", "plot", "plotly", "table", "dataset",
                              "model", "chart", "bokeh"}) {
        if (kind == known) {
            return true;
        }
    }
    return false;
}

std::string Artifact::store_prefix() const
{
    if (kind == "dataset") {
        return "datasets";
    }
    if (kind == "model") {
        return "models";
    }
    return "artifacts";
}

std::string Artifact::store_uri() const
{
    auto uri = "store://" + store_prefix() + "/" + metadata.project + "/" +
               (spec.db_key.empty() ? metadata.key : spec.db_key) + "#" +
               std::to_string(metadata.iter);
    if (!metadata.tag.empty()) {
        uri += ":" + metadata.tag;
    }
    if (!metadata.tree.empty()) {
        uri += "@" + metadata.tree;
    }
    return uri;
}

Artifact artifact_from_json(const Json& input)
{
    require_object(input, "an artifact");
    Json rest = input;
    Artifact artifact;
    const auto kind = take_string(rest, "kind", "");
    artifact.kind = kind.empty() ? "artifact" : kind;

    auto metadata = take_section(rest, "metadata", "");
    auto& m = artifact.metadata;
    m.key = take_string(metadata, "key", "metadata");
    m.project = take_string(metadata, "project", "metadata");
    m.iter = take_int(metadata, "iter", "metadata").value_or(0);
    m.tree = take_string(metadata, "tree", "metadata");
    m.tag = take_string(metadata, "tag", "metadata");
    m.hash = take_string(metadata, "hash", "metadata");
    m.description = take_string(metadata, "description", "metadata");
    m.uid = take_string(metadata, "uid", "metadata");
    m.updated = take_string(metadata, "updated", "metadata");
    m.labels = take_object(metadata, "labels", "metadata");
    m.extra = std::move(metadata);

    auto spec = take_section(rest, "spec", "");
    auto& s = artifact.spec;
    s.target_path = take_string(spec, "target_path", "spec");
    s.src_path = take_string(spec, "src_path", "spec");
    s.format = take_string(spec, "format", "spec");
    s.size = take_int(spec, "size", "spec");
    s.db_key = take_string(spec, "db_key", "spec");
    s.viewer = take_string(spec, "viewer", "spec");
    s.inline_body = take_any(spec, "inline");
    s.extra_data = take_object(spec, "extra_data", "spec");
    s.producer = take_object(spec, "producer", "spec");
    s.extra = std::move(spec);

    auto status = take_section(rest, "status", "");
    const auto state = take_string(status, "state", "status");
    artifact.state = state.empty() ? "created" : state;
    artifact.status_extra = std::move(status);
    artifact.extra = std::move(rest);
    return artifact;
}

void add_stored_keys(Artifact& artifact)
{
    artifact.spec.extra.emplace("license", "");
}

Json to_json(const Artifact& artifact)
{
    const auto& m = artifact.metadata;
    Json metadata = Json::object();
    put(metadata, "key", m.key);
    put(metadata, "project", m.project);
    put_always(metadata, "iter", m.iter);
    put(metadata, "tree", m.tree);
    put(metadata, "tag", m.tag);
    put(metadata, "hash", m.hash);
    put(metadata, "description", m.description);
    put(metadata, "uid", m.uid);
    put(metadata, "updated", m.updated);
    put(metadata, "labels", m.labels);
    put_extra(metadata, m.extra);

    const auto& s = artifact.spec;
    Json spec = Json::object();
    put(spec, "target_path", s.target_path);
    put(spec, "src_path", s.src_path);
    put(spec, "format", s.format);
    put(spec, "size", s.size);
    put(spec, "db_key", s.db_key);
    put(spec, "viewer", s.viewer);
    put(spec, "inline", s.inline_body);
    put(spec, "extra_data", s.extra_data);
    put(spec, "producer", s.producer);
    put_extra(spec, s.extra);

    Json status = Json::object();
    status["state"] = artifact.state;
    put_extra(status, artifact.status_extra);

    Json out = Json::object();
    out["kind"] = artifact.kind;
    out["metadata"] = metadata;
    out["spec"] = spec;
    out["status"] = status;
    put_extra(out, artifact.extra);
    return out;
}

}  // namespace mlrun::model
