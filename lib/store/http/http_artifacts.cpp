// The HTTP backend: artifacts (v2) and their tags.

#include "lib/store/http/http_run_db.hpp"

#include <set>
#include <tuple>

#include "lib/error.hpp"
#include "lib/store/http/requests.hpp"

namespace mlrun::store {

using namespace http_detail;

// --- artifacts (v2)

void HttpRunDB::store_artifact(const model::Artifact& artifact, const std::string& tag)
{
    const auto& metadata = artifact.metadata;
    const auto key = artifact.spec.db_key.empty() ? metadata.key : artifact.spec.db_key;
    auto body = model::to_json(artifact);
    body["metadata"]["project"] = metadata.project;
    if (!body.contains("spec")) {
        body["spec"] = Json::object();
    }
    if (!body.contains("status")) {
        body["status"] = Json::object();
    }
    auto request =
        json_request("PUT", v2_project_path(metadata.project) + "/artifacts/" + escape(key), body,
                     "store artifact " + key);
    if (!metadata.tree.empty()) {
        request.query.emplace_back("tree", metadata.tree);
    }
    const auto effective_tag = !tag.empty() ? tag : metadata.tag;
    if (!effective_tag.empty()) {
        request.query.emplace_back("tag", effective_tag);
    }
    if (metadata.iter != 0) {
        request.query.emplace_back("iter", std::to_string(metadata.iter));
    }
    m_client.call(request);
}

std::optional<model::Artifact> HttpRunDB::find_artifact(const ArtifactRef& ref)
{
    if (ref.tag.empty() && ref.uid.empty() && !ref.tree.empty()) {
        // A version by its producer alone. The single GET would add tag=latest (404 when latest
        // is on another tree) or, without a tag, answer 500 once the tree holds two versions of
        // the key; the listing finds it as the local store does: the newest of that tree.
        ArtifactFilter filter;
        filter.project = ref.project;
        filter.key = ref.key;
        filter.tree = ref.tree;
        filter.iter = ref.iter.value_or(0);
        std::optional<model::Artifact> newest;
        for (auto& artifact : list_artifacts(filter)) {
            if (artifact.metadata.key != ref.key && artifact.spec.db_key != ref.key) {
                continue;
            }
            if (!newest || artifact.metadata.updated > newest->metadata.updated) {
                newest = std::move(artifact);
            }
        }
        if (newest) {
            newest->metadata.tag.clear();
        }
        return newest;
    }
    // No tag means latest, also beside an object uid (as MLRun's client sends it: the server
    // then only reports whether that version is the latest).
    Query query{{"tag", ref.tag.empty() ? std::string{"latest"} : ref.tag}, {"format", "full"}};
    if (ref.iter) {
        query.emplace_back("iter", std::to_string(*ref.iter));
    }
    if (!ref.tree.empty()) {
        query.emplace_back("tree", ref.tree);
    }
    if (!ref.uid.empty()) {
        query.emplace_back("object-uid", ref.uid);
    }
    const auto context = "get artifact " + ref.key;
    const auto response = get_unless_missing(
        get(v2_project_path(ref.project) + "/artifacts/" + escape(ref.key), query, context));
    if (!response) {
        return std::nullopt;
    }
    return model::artifact_from_json(response->json());
}

std::vector<model::Artifact> HttpRunDB::list_artifacts(const ArtifactFilter& filter)
{
    // name and tag sent empty too, as MLRun's client sends them (the server reads "" as none).
    Query query{{"format", "full"}, {"name", filter.key}, {"tag", filter.tag}};
    if (!filter.kind.empty()) {
        query.emplace_back("kind", filter.kind);
    }
    if (!filter.tree.empty()) {
        query.emplace_back("tree", filter.tree);
    }
    if (filter.iter) {
        query.emplace_back("iter", std::to_string(*filter.iter));
    }
    for (const auto& label : filter.labels) {
        query.emplace_back("label", label);
    }
    query.emplace_back("best-iteration", filter.best_iteration ? "True" : "False");
    if (filter.limit > 0) {
        query.emplace_back("limit", std::to_string(filter.limit));
    }
    const auto project = filter.project.empty() ? std::string{"default"} : filter.project;
    const auto response =
        m_client.call(get(v2_project_path(project) + "/artifacts", query, "list artifacts"));
    std::vector<model::Artifact> artifacts;
    for (const auto& item : member(response.json(), "artifacts")) {
        artifacts.push_back(model::artifact_from_json(item));
    }
    return artifacts;
}

std::size_t HttpRunDB::delete_artifact(const ArtifactRef& ref)
{
    Request request;
    request.method = "DELETE";
    request.context = "delete artifact " + ref.key;
    std::size_t versions = 1;
    if (ref.tag.empty() && ref.tree.empty() && ref.uid.empty() && !ref.iter) {
        // Only the key: every version of it, as the local store does, with the request MLRun's
        // client sends for that (del_artifacts by name; an exact name unless it starts with '~',
        // which no artifact key does).
        if (ref.key.starts_with("~")) {
            throw Error("artifact key '" + ref.key + "' is not valid", ErrorKind::usage);
        }
        ArtifactFilter filter;
        filter.project = ref.project;
        filter.key = ref.key;
        std::set<std::tuple<std::string, std::string, std::int64_t>> distinct;  // per tag
        for (const auto& artifact : list_artifacts(filter)) {
            distinct.emplace(artifact.metadata.uid, artifact.metadata.tree, artifact.metadata.iter);
        }
        versions = distinct.size();
        if (versions == 0) {
            return 0;
        }
        request.path = v2_project_path(ref.project) + "/artifacts";
        request.query = {{"name", ref.key}, {"days_ago", "0"}};
        m_client.call(request);
        return versions;
    }
    // One version. The server deletes every version of the key when neither a tag nor an
    // object uid is sent (tree and iter alone are ignored), a tag names every iteration of a
    // hyper-parameter run, and it answers 204 for a version that does not exist: the version
    // is resolved first and named by its object uid, tree and iteration, so the request can
    // match nothing else and a missing version is reported.
    const auto version = find_artifact(ref);
    if (!version) {
        return 0;
    }
    if (version->metadata.uid.empty()) {
        throw Error("artifact '" + ref.key +
                    "': the server gave the version no uid, so it "
                    "cannot be deleted alone");
    }
    request.path = v2_project_path(ref.project) + "/artifacts/" + escape(ref.key);
    request.query = {{"key", ref.key}, {"object-uid", version->metadata.uid}};
    if (!version->metadata.tree.empty()) {
        request.query.emplace_back("tree", version->metadata.tree);
    }
    request.query.emplace_back("iter", std::to_string(version->metadata.iter));
    request.query.emplace_back("deletion_strategy", "metadata-only");
    m_client.call(request);
    return versions;
}

void HttpRunDB::tag_artifact(const ArtifactRef& ref, const std::string& tag)
{
    const auto artifact = read_artifact(ref);
    Json identifier = {{"key", ref.key},
                       {"kind", artifact.kind},
                       {"iter", artifact.metadata.iter},
                       {"uid", artifact.metadata.uid},
                       {"producer_id", artifact.metadata.tree}};
    const Json body = {{"kind", "artifact"}, {"identifiers", Json::array({identifier})}};
    m_client.call(json_request("PUT", project_path(ref.project) + "/tags/" + escape(tag), body,
                               "tag artifact " + ref.key));
}

std::size_t HttpRunDB::untag_artifact(const std::string& project, const std::string& key,
                                      const std::string& tag)
{
    ArtifactFilter filter;
    filter.project = project;
    filter.key = key;
    filter.tag = tag;
    const auto tagged = list_artifacts(filter);
    if (tagged.empty()) {
        return 0;
    }
    // The versions that carry the tag, named as MLRun's client names them.
    Json identifiers = Json::array();
    for (const auto& artifact : tagged) {
        identifiers.push_back({{"kind", artifact.kind},
                               {"key", key},
                               {"iter", artifact.metadata.iter},
                               {"uid", artifact.metadata.uid},
                               {"producer_id", artifact.metadata.tree}});
    }
    const Json body = {{"kind", "artifact"}, {"identifiers", identifiers}};
    m_client.call(json_request("DELETE", project_path(project) + "/tags/" + escape(tag), body,
                               "untag artifact " + key));
    return tagged.size();
}

}  // namespace mlrun::store
