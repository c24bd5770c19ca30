#include "lib/artifacts/purge.hpp"

#include <algorithm>
#include <set>
#include <system_error>

#include "lib/artifacts/resolve.hpp"
#include "lib/error.hpp"

namespace mlrun::artifacts {
namespace {

namespace fs = std::filesystem;

// The absolute, link-resolved form of a target ("h/0/model/" and "h/0/model" alike).
fs::path normal_form(const fs::path& path)
{
    auto text = fs::absolute(path).lexically_normal().string();
    while (text.size() > 1 && text.back() == '/') {
        text.pop_back();
    }
    std::error_code error;
    auto resolved = fs::weakly_canonical(fs::path{text}, error);
    return error ? fs::path{text} : resolved;
}

// Whether `path` is `folder` or lies inside it, compared component by component.
bool within(const fs::path& path, const fs::path& folder)
{
    auto [folder_end, path_it] =
        std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
    return folder_end == folder.end();
}

std::string identity(const model::Artifact& artifact)
{
    const auto& key = artifact.spec.db_key.empty() ? artifact.metadata.key : artifact.spec.db_key;
    return artifact.metadata.project + '\x1f' + key + '\x1f' + artifact.metadata.tree + '\x1f' +
           std::to_string(artifact.metadata.iter) + '\x1f' + artifact.metadata.uid;
}

struct Reference
{
    fs::path path;
    std::string owner;  // "KEY@TREE", for messages
};

// Every local target of a stored artifact that is not being deleted.
std::vector<Reference> other_references(store::RunDB& db, const std::set<std::string>& deleting)
{
    std::vector<Reference> references;
    store::ArtifactFilter filter;
    filter.project = std::string{store::all_projects};
    filter.summary = true;
    filter.links = true;  // a link's target is a reference too
    db.for_each_artifact(filter, [&](const model::Artifact& artifact) {
        if (deleting.contains(identity(artifact))) {
            return;
        }
        if (const auto local = local_target(artifact.spec.target_path)) {
            const auto& key =
                artifact.spec.db_key.empty() ? artifact.metadata.key : artifact.spec.db_key;
            references.push_back({normal_form(*local), key + "@" + artifact.metadata.tree});
        }
    });
    return references;
}

// The reference that keeps `path` (it is that data, or inside it), if any.
const Reference* keeper(const fs::path& path, const std::vector<Reference>& references)
{
    for (const auto& reference : references) {
        if (within(path, reference.path)) {
            return &reference;
        }
    }
    return nullptr;
}

void check_removable(const fs::path& local, const fs::path& root, const std::string& target)
{
    if (within(root, local)) {
        throw Error("refusing to purge " + local.string() + ": it is the artifact path " +
                        root.string() + (local == root ? "" : " or holds it"),
                    ErrorKind::failed, "delete the artifact without --purge");
    }
    if (!within(local, root)) {
        throw Error("refusing to purge " + local.string() + ": it is outside the artifact path " +
                        root.string(),
                    ErrorKind::failed, "pass --artifact-path DIR that contains it");
    }
    std::error_code error;
    if (fs::is_symlink(fs::absolute(fs::path{target}).lexically_normal(), error)) {
        throw Error("refusing to purge " + local.string() + ": it is a link", ErrorKind::failed);
    }
}

}  // namespace

PurgePlan plan_purge(store::RunDB& db, const std::vector<model::Artifact>& deleting,
                     const fs::path& artifact_root)
{
    const auto root = normal_form(artifact_root);
    std::set<std::string> identities;
    std::vector<fs::path> targets;
    for (const auto& artifact : deleting) {
        identities.insert(identity(artifact));
        const auto local = local_target(artifact.spec.target_path);
        if (!local) {
            throw Error("--purge removes local data only; " + artifact.spec.target_path +
                            " is left in place",
                        ErrorKind::failed);
        }
        auto target = local->string();
        while (target.size() > 1 && target.back() == '/') {
            target.pop_back();
        }
        const auto normal = normal_form(*local);
        check_removable(normal, root, target);
        targets.push_back(normal);
    }
    const auto references = other_references(db, identities);

    PurgePlan plan;
    std::set<fs::path> planned;
    auto keep = [&](const fs::path& path, const Reference& by) {
        plan.kept.push_back(path.string() + " (still used by " + by.owner + ")");
    };
    for (const auto& target : targets) {
        std::error_code error;
        if (!fs::exists(fs::symlink_status(target, error))) {
            continue;
        }
        if (const auto* by = keeper(target, references)) {
            keep(target, *by);
            continue;
        }
        if (!fs::is_directory(fs::symlink_status(target, error))) {
            if (planned.insert(target).second) {
                plan.remove.push_back(target);
            }
            continue;
        }
        // A folder: its files that nothing else uses, then the folders left empty.
        std::vector<fs::path> folders{target};
        for (auto it = fs::recursive_directory_iterator(target, error);
             !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
            const auto path = it->path();
            if (it->is_symlink(error) || !it->is_directory(error)) {
                if (const auto* by = keeper(path, references)) {
                    keep(path, *by);
                } else if (planned.insert(path).second) {
                    plan.remove.push_back(path);
                }
            } else if (const auto* by = keeper(path, references)) {
                keep(path, *by);
                it.disable_recursion_pending();
            } else {
                folders.push_back(path);
            }
        }
        if (error) {
            throw Error("cannot read " + target.string() + ": " + error.message());
        }
        // Deepest first, so that a folder is empty by the time it is reached.
        std::sort(folders.begin(), folders.end(), [](const fs::path& a, const fs::path& b) {
            return std::distance(a.begin(), a.end()) > std::distance(b.begin(), b.end());
        });
        for (const auto& folder : folders) {
            if (planned.insert(folder).second) {
                plan.remove.push_back(folder);
            }
        }
    }
    return plan;
}

void apply_purge(const PurgePlan& plan)
{
    for (const auto& path : plan.remove) {
        std::error_code error;
        const auto status = fs::symlink_status(path, error);
        if (fs::is_directory(status)) {
            // Only an empty folder goes: what is still in it belongs to someone else.
            if (fs::is_empty(path, error) && !error) {
                fs::remove(path, error);
            }
            continue;
        }
        fs::remove(path, error);
        if (error) {
            throw Error("cannot remove " + path.string() + ": " + error.message());
        }
    }
}

}  // namespace mlrun::artifacts
