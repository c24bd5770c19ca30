// Naming artifacts on the command line: a key (`key`, `key:tag`, `key#iter`, `key@tree`) or a
// `store://[artifacts|datasets|models/][project/]key[#iter][:tag][@tree]` URI, resolved in a
// run store; and where an artifact's data is.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "lib/model/artifact.hpp"
#include "lib/store/run_db.hpp"

namespace mlrun::artifacts {

// A version named beside the key (`--tag`, `--iter`, `--tree`, `--uid`): each given part wins
// over the one written in the key or URI. `uid` is the object uid the server gives a version
// (MLRun's `object-uid`), which no URI of MLRun 1.7 can carry.
struct Selection
{
    std::string tag = {};
    std::optional<std::int64_t> iter = {};
    std::string tree = {};
    std::string uid = {};
};

// Throws Error(usage) for a malformed URI or key.
store::ArtifactRef parse_reference(const std::string& text, const std::string& default_project,
                                   const Selection& given = {});

// The artifact `ref` names: its db key first, else the one artifact of the project whose plain
// key it is (run artifacts are stored as `<run name>_<key>`). Throws Error(not_found).
model::Artifact resolve(store::RunDB& db, store::ArtifactRef ref);

// What names exactly the stored `version` (db key, object uid, tree, iteration), so a later
// tag or delete acts on the version that was resolved and shown, never on one that a tag was
// moved to meanwhile or another of the same tree. `project` when the artifact names none.
store::ArtifactRef version_ref(const model::Artifact& version, const std::string& project);

// The local path of a target that is a local path or a file:// URL; std::nullopt otherwise.
std::optional<std::filesystem::path> local_target(const std::string& target_path);

// An artifact key must be a plain name: letters, digits, '-', '_', '.', starting and ending
// with a letter or digit (MLRun's rule), so it can never climb out of the artifact path.
void check_key(const std::string& key);

}  // namespace mlrun::artifacts
