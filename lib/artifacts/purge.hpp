// What `artifacts delete --purge` may remove: the local data of the deleted versions, inside
// the artifact path, that no other stored artifact still points at. Runs of one name share
// `<artifact path>/<run name>/<iter>/<key>`, and a folder artifact can hold other artifacts'
// files, so a version's data is often not its own alone.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "lib/model/artifact.hpp"
#include "lib/store/run_db.hpp"

namespace mlrun::artifacts {

struct PurgePlan
{
    std::vector<std::filesystem::path> remove;  // files (and folders left empty) to remove
    std::vector<std::string> kept;              // "PATH (still used by KEY@TREE)", for messages
};

// Plans the purge of `deleting` (the versions about to be deleted). Throws Error(failed),
// before anything is removed, for data that is not local, outside `artifact_root`, the
// artifact root itself or a folder holding it, or a link.
PurgePlan plan_purge(store::RunDB& db, const std::vector<model::Artifact>& deleting,
                     const std::filesystem::path& artifact_root);

// Removes what the plan says, files first, then folders that are left empty.
void apply_purge(const PurgePlan& plan);

}  // namespace mlrun::artifacts
