// Naming artifacts.

#include "lib/artifacts/resolve.hpp"

#include <regex>

#include "lib/error.hpp"
#include "lib/model/uri.hpp"

namespace mlrun::artifacts {

store::ArtifactRef parse_reference(const std::string& text, const std::string& default_project,
                                   const Selection& given)
{
    if (text.empty()) {
        throw Error("an artifact key or store:// URI is required", ErrorKind::usage);
    }
    model::StoreUri uri;
    if (text.starts_with("store://")) {
        uri = model::parse_store_uri(text);
    } else if (text.find("://") != std::string::npos) {
        throw Error("'" + text + "' is not an artifact key or a store:// URI", ErrorKind::usage,
                    "store://[artifacts|datasets|models/][project/]key[#iter][:tag][@tree]");
    } else {
        // The same grammar without the project: key[#iter][:tag][@tree].
        uri = model::parse_store_uri("store://artifacts/-/" + text);
        uri.project.clear();
    }
    if (uri.key.empty()) {
        throw Error("'" + text + "' names no artifact key", ErrorKind::usage);
    }
    store::ArtifactRef ref;
    ref.project = uri.project.empty() ? default_project : uri.project;
    ref.key = uri.key;
    ref.tag = !given.tag.empty() ? given.tag : uri.tag;
    ref.iter = given.iter ? given.iter : uri.iter;
    ref.tree = !given.tree.empty() ? given.tree : uri.tree;
    ref.uid = given.uid;
    return ref;
}

model::Artifact resolve(store::RunDB& db, store::ArtifactRef ref)
{
    if (auto found = db.find_artifact(ref)) {
        return std::move(*found);
    }
    // A plain key of a run artifact: find the db key that carries it.
    store::ArtifactFilter filter;
    filter.project = ref.project;
    filter.tag = ref.tag;
    filter.tree = ref.tree;
    filter.iter = ref.iter;
    std::string db_key;
    for (const auto& artifact : db.list_artifacts(filter)) {
        if (artifact.metadata.key != ref.key) {
            continue;
        }
        const auto& candidate =
            artifact.spec.db_key.empty() ? artifact.metadata.key : artifact.spec.db_key;
        if (!db_key.empty() && db_key != candidate) {
            throw Error("artifact key '" + ref.key + "' is ambiguous in project '" + ref.project +
                            "' (" + db_key + ", " + candidate + ")",
                        ErrorKind::usage, "name it by its db key or its store:// URI");
        }
        db_key = candidate;
    }
    if (!db_key.empty()) {
        ref.key = db_key;
        if (auto found = db.find_artifact(ref)) {
            return std::move(*found);
        }
    }
    throw Error("artifact '" + ref.key + "'" + (ref.tag.empty() ? "" : " tagged " + ref.tag) +
                    " not found in project '" + ref.project + "'",
                ErrorKind::not_found, "see 'mlrun artifacts list -p " + ref.project + "'");
}

store::ArtifactRef version_ref(const model::Artifact& version, const std::string& project)
{
    store::ArtifactRef ref;
    ref.project = version.metadata.project.empty() ? project : version.metadata.project;
    ref.key = version.spec.db_key.empty() ? version.metadata.key : version.spec.db_key;
    ref.tree = version.metadata.tree;
    ref.iter = version.metadata.iter;
    ref.uid = version.metadata.uid;
    return ref;
}

std::optional<std::filesystem::path> local_target(const std::string& target_path)
{
    if (target_path.starts_with("file://")) {
        return std::filesystem::path{target_path.substr(7)};
    }
    if (target_path.find("://") != std::string::npos || target_path.empty()) {
        return std::nullopt;
    }
    return std::filesystem::path{target_path};
}

void check_key(const std::string& key)
{
    static const std::regex pattern{"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$"};
    if (!std::regex_match(key, pattern) || key.find("..") != std::string::npos) {
        throw Error("artifact key '" + key + "' is not valid", ErrorKind::usage,
                    "letters, digits, '-', '_' and '.', starting and ending with a letter or "
                    "digit (no '/' and no '..')");
    }
}

}  // namespace mlrun::artifacts
