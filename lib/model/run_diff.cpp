// Side-by-side comparison of two runs.

#include "lib/model/run_diff.hpp"

#include <set>

namespace mlrun::model {
namespace {

Json or_null(const std::string& text)
{
    return text.empty() ? Json{} : Json(text);
}

void compare_maps(const std::string& prefix, const Json& a, const Json& b,
                  std::vector<FieldDifference>& out)
{
    std::vector<std::string> keys;
    std::set<std::string> seen;
    for (const auto* side : {&a, &b}) {
        if (!side->is_object()) {
            continue;
        }
        for (auto it = side->begin(); it != side->end(); ++it) {
            if (seen.insert(it.key()).second) {
                keys.push_back(it.key());
            }
        }
    }
    for (const auto& key : keys) {
        const auto value = [&](const Json& side) {
            return side.is_object() && side.contains(key) ? side.at(key) : Json{};
        };
        out.push_back({prefix + "." + key, value(a), value(b)});
    }
}

// key -> hash (or target path when there is no hash) of a run's artifacts.
Json artifact_hashes(const Run& run)
{
    Json hashes = Json::object();
    for (const auto& artifact : run.status.artifacts) {
        if (!artifact.is_object()) {
            continue;
        }
        const auto metadata = artifact.value("metadata", Json::object());
        const auto spec = artifact.value("spec", Json::object());
        const auto key = metadata.value("key", std::string{});
        if (key.empty()) {
            continue;
        }
        const auto hash = metadata.value("hash", std::string{});
        hashes[key] = hash.empty() ? spec.value("target_path", std::string{}) : hash;
    }
    const auto uris = run.artifact_uris();
    for (auto it = uris.begin(); it != uris.end(); ++it) {
        if (!hashes.contains(it.key())) {
            hashes[it.key()] = it.value();
        }
    }
    return hashes;
}

}  // namespace

std::vector<FieldDifference> diff_runs(const Run& a, const Run& b)
{
    std::vector<FieldDifference> out = {
        {"uid", a.metadata.uid, b.metadata.uid},
        {"name", or_null(a.metadata.name), or_null(b.metadata.name)},
        {"project", or_null(a.metadata.project), or_null(b.metadata.project)},
        {"function", or_null(a.spec.function), or_null(b.spec.function)},
        {"handler", or_null(a.spec.handler), or_null(b.spec.handler)},
        {"state", std::string{to_string(a.status.state)}, std::string{to_string(b.status.state)}},
        {"error", or_null(a.status.error), or_null(b.status.error)},
        {"commit", or_null(a.status.commit), or_null(b.status.commit)},
        {"start", or_null(a.status.start_time), or_null(b.status.start_time)},
    };
    compare_maps("parameters", a.spec.parameters, b.spec.parameters, out);
    compare_maps("inputs", a.spec.inputs, b.spec.inputs, out);
    compare_maps("hyperparams", a.spec.hyperparams, b.spec.hyperparams, out);
    compare_maps("results", a.status.results, b.status.results, out);
    compare_maps("labels", a.metadata.labels, b.metadata.labels, out);
    compare_maps("artifacts", artifact_hashes(a), artifact_hashes(b), out);
    return out;
}

}  // namespace mlrun::model
