// What the tool needs to know about the git repository a project or code file lives in
// (libgit2; the only place git2.h is included).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace mlrun::git {

struct RepositoryState
{
    std::string commit;   // HEAD sha, 40 hex
    std::string message;  // HEAD commit summary
    std::string branch;   // empty when detached
    std::string remote;   // URL of the first remote, credentials removed; may be empty
    bool dirty = false;   // tracked files modified (untracked files do not count, as in MLRun)
};

// The state of the repository containing `path`, or std::nullopt when it is not in one (or it
// has no commit yet). Never throws for a broken repository: it then reports none.
std::optional<RepositoryState> inspect(const std::filesystem::path& path);

}  // namespace mlrun::git
