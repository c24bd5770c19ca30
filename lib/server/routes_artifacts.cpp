// /api/v2/projects/{p}/artifacts and /api/v1/projects/{p}/tags: artifact versions (key, tree,
// iteration, content uid) and the tags that point at them.

#include <set>

#include "lib/model/artifact.hpp"
#include "lib/server/routes.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::server::detail {

namespace {

const std::string* uid_query(const Call& call)
{
    const std::string* uid = call.query_value("object-uid");
    return uid != nullptr && !uid->empty() ? uid : call.query_value("uid");
}

std::string kind_of_category(const std::string& category)
{
    if (category == "model") {
        return "model";
    }
    if (category == "dataset") {
        return "dataset";
    }
    return {};
}

}  // namespace

Json artifact_view(const model::Artifact& artifact, bool with_tag)
{
    Json view = model::to_json(artifact);
    auto& metadata = view["metadata"];
    if (!metadata.contains("created")) {
        metadata["created"] = metadata.value("updated", Json(nullptr));
    }
    if (!with_tag) {
        metadata.erase("tag");
    } else {
        // An untagged version is listed with a null tag, as MLRun's server lists it.
        metadata["tag"] =
            artifact.metadata.tag.empty() ? Json(nullptr) : Json(artifact.metadata.tag);
    }
    view["project"] = artifact.metadata.project;
    return view;
}

namespace {

// MLRun's `format=minimal` of an artifact: kind, metadata, status, project, and the spec keys
// a table shows (producer, db key, size, framework, algorithm, metrics, target path).
Json minimal_view(Json view)
{
    static constexpr const char* kept[] = {"producer",  "db_key",  "size",       "framework",
                                           "algorithm", "metrics", "target_path"};
    Json spec = Json::object();
    if (const auto found = view.find("spec"); found != view.end() && found->is_object()) {
        for (const char* key : kept) {
            if (const auto item = found->find(key); item != found->end()) {
                spec[key] = *item;
            }
        }
    }
    Json out = Json::object();
    for (const char* key : {"kind", "metadata", "status", "project"}) {
        if (const auto item = view.find(key); item != view.end()) {
            out[key] = *item;
        }
    }
    out["spec"] = std::move(spec);
    return out;
}

}  // namespace

namespace {

// `any_tag`: "*" means any tag (deletes); otherwise it is a tag's name, which none has.
store::ArtifactRef artifact_ref(const Call& call, const std::string& key, bool any_tag)
{
    store::ArtifactRef ref{call.params[0], key};
    ref.tag = call.query_or("tag", "");
    if (ref.tag == "*" && any_tag) {
        ref.tag.clear();
    }
    ref.tree = call.query_or("tree", "");
    if (const std::string* uid = uid_query(call); uid != nullptr) {
        ref.uid = *uid;
    }
    if (call.has_query("iter")) {
        ref.iter = query_integer(call, "iter", 0);
    }
    return ref;
}

}  // namespace

namespace {

// The artifact a request's body describes, in `project`; a body the model refuses is MLRun's 400.
model::Artifact artifact_of(const Json& body, const std::string& project)
{
    model::Artifact artifact;
    try {
        artifact = model::artifact_from_json(body);
    } catch (const Error& error) {
        throw mlrun_error(400, "MLRunInvalidArgumentError", error.what());
    }
    artifact.metadata.project = project;
    return artifact;
}

}  // namespace

HttpResponse store_artifact(Call& call)
{
    const std::string& project = call.params[0];
    const std::string& key = call.params[1];
    ensure_project(call, project);
    Json body = call.json_body(true);
    if (!body.is_object()) {
        throw validation_error(Json::array({"body"}), "value is not a valid dict",
                               "type_error.dict");
    }
    Json missing = Json::array();
    for (const char* field : {"kind", "metadata", "spec", "status"}) {
        if (!body.contains(field)) {
            missing.push_back({{"loc", Json::array({"body", field})},
                               {"msg", "field required"},
                               {"type", "value_error.missing"}});
        }
    }
    if (body.contains("metadata") && body["metadata"].is_object()) {
        for (const char* field : {"key", "project"}) {
            if (!body["metadata"].contains(field)) {
                missing.push_back({{"loc", Json::array({"body", "metadata", field})},
                                   {"msg", "field required"},
                                   {"type", "value_error.missing"}});
            }
        }
    }
    if (!missing.empty()) {
        throw ApiError{422, missing};
    }
    const std::string tag = call.query_or("tag", "latest");
    if (!valid_tag(tag)) {
        throw mlrun_error(400, "MLRunInvalidArgumentError",
                          "Field 'artifact.metadata.tag' is malformed. '" + tag +
                              "' does not match required pattern: "
                              "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$");
    }
    if (!valid_artifact_key(key)) {
        throw mlrun_error(400, "MLRunInvalidArgumentError",
                          "Artifact key " + key + " is not valid");
    }
    auto artifact = artifact_of(body, project);
    if (artifact.metadata.key.empty()) {
        artifact.metadata.key = key;
    }
    artifact.spec.db_key = key;  // the path names the artifact's db key, as on MLRun
    if (const std::string tree = call.query_or("tree", ""); !tree.empty()) {
        artifact.metadata.tree = tree;
    }
    artifact.metadata.iter = query_integer(call, "iter", artifact.metadata.iter);
    artifact.metadata.tag = tag;
    call.db.store_artifact(artifact, tag);
    store::ArtifactRef stored{project, key, tag, artifact.metadata.tree, artifact.metadata.iter};
    if (const auto link = artifact.spec.extra.find("link_iteration");
        artifact.kind == "link" && link != artifact.spec.extra.end() && link->is_number_integer()) {
        stored.iter = link->get<std::int64_t>();  // answered with the version it points at
    }
    const auto found = call.db.find_artifact(stored);
    return json_response(200, artifact_view(found ? *found : artifact, call.has_query("tag")));
}

HttpResponse create_artifact(Call& call)
{
    const std::string& project = call.params[0];
    ensure_project(call, project);
    const Json body = call.json_body(true);
    if (!body.is_object() || !body.contains("metadata") || !body["metadata"].is_object() ||
        !body["metadata"].value("key", Json()).is_string()) {
        throw validation_error(Json::array({"body", "metadata", "key"}), "field required",
                               "value_error.missing");
    }
    auto artifact = artifact_of(body, project);
    if (artifact.spec.db_key.empty()) {
        artifact.spec.db_key = artifact.metadata.key;
    }
    const std::string& key = artifact.spec.db_key;
    if (!valid_artifact_key(key)) {
        throw mlrun_error(400, "MLRunInvalidArgumentError",
                          "Artifact key " + key + " is not valid");
    }
    const std::string tag = artifact.metadata.tag.empty() ? "latest" : artifact.metadata.tag;
    if (!valid_tag(tag)) {
        throw mlrun_error(400, "MLRunInvalidArgumentError", "Tag name " + tag + " is not valid");
    }
    store::ArtifactRef ref{project, key, tag, artifact.metadata.tree, artifact.metadata.iter};
    if (call.db.find_artifact(ref)) {
        throw mlrun_error(409, "MLRunConflictError",
                          "Adding an already-existing ArtifactV2 - " + project + "/" + key + ":" +
                              tag);
    }
    call.db.store_artifact(artifact, tag);
    const auto stored = call.db.find_artifact(ref);
    return json_response(201, artifact_view(stored ? *stored : artifact, true));
}

HttpResponse get_artifact(Call& call)
{
    const std::string& project = call.params[0];
    const std::string& key = call.params[1];
    const auto ref = artifact_ref(call, key, false);
    auto found = call.db.find_artifact(ref);
    if (!found) {
        const std::string tag = call.query_or("tag", "latest");
        throw mlrun_error(404, "MLRunNotFoundError",
                          "Artifact " + project + "/" + key + ":" + tag + " not found");
    }
    bool with_tag = call.has_query("tag");
    if (with_tag && !ref.uid.empty() && ref.tag == "latest") {
        // Beside an object uid, MLRun's server reports "latest" only when that version has it.
        const auto latest = call.db.find_artifact(
            {project, key, "latest", found->metadata.tree, found->metadata.iter});
        with_tag = latest && latest->metadata.uid == found->metadata.uid;
    }
    return json_response(200, artifact_view(*found, with_tag));
}

HttpResponse list_artifacts(Call& call)
{
    store::ArtifactFilter filter;
    filter.project = call.params[0];
    const std::string name = call.query_or("name", "");
    const bool contains = !name.empty() && name.front() == '~';
    if (!contains) {
        filter.key = name;
    }
    filter.tag = call.query_or("tag", "");
    if (filter.tag == "*") {
        filter.tag.clear();
    }
    filter.kind = call.query_or("kind", "");
    if (filter.kind.empty() && call.has_query("category")) {
        filter.kind = kind_of_category(call.query_or("category", ""));
    }
    filter.tree = call.query_or("tree", "");
    if (const std::string producer = call.query_or("producer_uri", ""); !producer.empty()) {
        const auto slash = producer.find('/');
        filter.tree = slash == std::string::npos ? producer : producer.substr(slash + 1);
    }
    if (call.has_query("iter")) {
        filter.iter = query_integer(call, "iter", 0);
    }
    filter.labels = call.query_all("label");
    filter.best_iteration = query_bool(call, "best-iteration", false);
    if (filter.best_iteration && filter.iter) {
        throw mlrun_error(400, "MLRunInvalidArgumentError",
                          "best-iteration cannot be used with iter");
    }
    const auto limit = query_integer(call, "limit", 0);
    const std::string needle = contains ? util::to_lower(name.substr(1)) : std::string{};
    const bool other_category = call.query_or("category", "") == "other";
    const std::string format = call.query_or("format", "full");
    if (format != "full" && format != "minimal") {
        throw enum_error(Json::array({"query", "format"}), {"full", "minimal"});
    }
    const bool minimal = format == "minimal";
    Json items = Json::array();
    call.db.for_each_artifact(filter, [&](const model::Artifact& artifact) {
        if ((limit > 0 && static_cast<std::int64_t>(items.size()) >= limit) ||
            (contains && util::to_lower(artifact.metadata.key).find(needle) == std::string::npos) ||
            (other_category && (artifact.kind == "model" || artifact.kind == "dataset"))) {
            return;
        }
        items.push_back(minimal ? minimal_view(artifact_view(artifact, true))
                                : artifact_view(artifact, true));
    });
    return json_response(200, {{"artifacts", items}});
}

HttpResponse delete_artifact(Call& call)
{
    const std::string& key = call.params[1];
    if (call.has_query("tag") && uid_query(call) != nullptr) {
        throw mlrun_error(400, "MLRunInvalidArgumentError",
                          "Both uid and tag specified when deleting an object.");
    }
    const std::string strategy = call.query_or("deletion_strategy", "metadata-only");
    if (strategy != "metadata-only" && strategy != "data-optional" && strategy != "data-force") {
        throw enum_error(Json::array({"query", "deletion_strategy"}),
                         {"metadata-only", "data-optional", "data-force"});
    }
    // Only the version the request names (a tree, a tag, a uid, an iteration); all of a key's
    // versions only when it names nothing more. MLRun deletes every version for a tree alone.
    call.db.delete_artifact(artifact_ref(call, key, true));
    return empty_response(204);
}

HttpResponse delete_artifacts(Call& call)
{
    store::ArtifactFilter filter;
    filter.project = call.params[0];
    filter.key = call.query_or("name", "");
    filter.tag = call.query_or("tag", "");
    if (filter.tag == "*") {
        filter.tag.clear();
    }
    filter.labels = call.query_all("label");
    filter.tree = call.query_or("tree", "");
    filter.links = true;  // every version of the key goes, links too
    std::vector<store::ArtifactRef> versions;
    call.db.for_each_artifact(filter, [&](const model::Artifact& artifact) {
        store::ArtifactRef ref{artifact.metadata.project, artifact.spec.db_key.empty()
                                                              ? artifact.metadata.key
                                                              : artifact.spec.db_key};
        ref.uid = artifact.metadata.uid;
        ref.tree = artifact.metadata.tree;
        ref.iter = artifact.metadata.iter;
        versions.push_back(std::move(ref));
    });
    for (const auto& ref : versions) {
        call.db.delete_artifact(ref);
    }
    return empty_response(204);
}

HttpResponse artifact_tags(Call& call)
{
    store::ArtifactFilter filter;
    filter.project = call.params[0];
    filter.summary = true;
    if (call.has_query("category")) {
        filter.kind = kind_of_category(call.query_or("category", ""));
    }
    std::set<std::string> tags;
    call.db.for_each_artifact(filter, [&](const model::Artifact& artifact) {
        if (!artifact.metadata.tag.empty()) {
            tags.insert(artifact.metadata.tag);
        }
    });
    return json_response(200, {{"project", call.params[0]}, {"tags", Json(tags)}});
}

namespace {

std::vector<store::ArtifactRef> identified(const Call& call)
{
    const Json body = call.json_body(true);
    if (!body.is_object() || !body.contains("identifiers") || !body["identifiers"].is_array()) {
        throw validation_error(Json::array({"body", "identifiers"}), "field required",
                               "value_error.missing");
    }
    std::vector<store::ArtifactRef> refs;
    for (const auto& identifier : body["identifiers"]) {
        if (!identifier.is_object() || !identifier.value("key", Json()).is_string()) {
            throw validation_error(Json::array({"body", "identifiers", "key"}), "field required",
                                   "value_error.missing");
        }
        store::ArtifactRef ref{call.params[0], identifier["key"].get<std::string>()};
        if (identifier.value("uid", Json()).is_string()) {
            ref.uid = identifier["uid"].get<std::string>();
        }
        if (identifier.value("iter", Json()).is_number_integer()) {
            ref.iter = identifier["iter"].get<std::int64_t>();
        }
        if (identifier.value("producer_id", Json()).is_string()) {
            ref.tree = identifier["producer_id"].get<std::string>();
        }
        refs.push_back(std::move(ref));
    }
    return refs;
}

}  // namespace

HttpResponse tag_artifacts(Call& call)
{
    const std::string& project = call.params[0];
    const std::string& tag = call.params[1];
    ensure_project(call, project);
    if (!valid_tag(tag)) {
        throw mlrun_error(400, "MLRunInvalidArgumentError", "Tag name " + tag + " is not valid");
    }
    const auto refs = identified(call);
    if (call.request.method == "PUT") {
        // Overwrite: the tag leaves every other artifact of the project first.
        store::ArtifactFilter filter;
        filter.project = project;
        filter.tag = tag;
        filter.summary = true;
        std::set<std::string> keys;
        call.db.for_each_artifact(
            filter, [&](const model::Artifact& artifact) { keys.insert(artifact.metadata.key); });
        for (const auto& key : keys) {
            call.db.untag_artifact(project, key, tag);
        }
    }
    for (const auto& ref : refs) {
        try {
            call.db.tag_artifact(ref, tag);
        } catch (const Error& error) {
            if (error.kind() != ErrorKind::not_found) {
                throw;
            }
            throw mlrun_error(404, "MLRunNotFoundError", error.what());
        }
    }
    return json_response(200, {{"name", tag}, {"project", project}});
}

HttpResponse untag_artifacts(Call& call)
{
    const std::string& project = call.params[0];
    const std::string& tag = call.params[1];
    ensure_project(call, project);
    for (const auto& ref : identified(call)) {
        call.db.untag_artifact(project, ref.key, tag);
    }
    return empty_response(204);
}

}  // namespace mlrun::server::detail
