// What the tool needs to know about the git repository a project or code file lives in
// (libgit2; the only place git2.h is included).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mlrun::git {

struct RepositoryState
{
    std::string commit;   // HEAD sha, 40 hex
    std::string message;  // HEAD commit summary
    std::string branch;   // empty when detached
    std::string remote;   // URL of the first remote, credentials removed; may be empty
    bool dirty = false;   // tracked files modified (untracked files do not count, as in MLRun)
    std::vector<std::string> changed;  // the modified files, relative to the work tree root
};

// The state of the repository containing `path`, or std::nullopt when it is not in one (or it
// has no commit yet). Never throws for a broken repository: it then reports none.
std::optional<RepositoryState> inspect(const std::filesystem::path& path);

// `https://user:pw@host/x` -> `https://host/x`.
std::string strip_credentials(const std::string& url);

struct CloneRequest
{
    std::string url;        // what libgit2 fetches: https://, ssh://, file:// or a local path
    std::string reference;  // "" (default branch), refs/heads/B, refs/tags/T, a branch or a sha
    std::string username;   // credentials, used only when the server asks; never stored
    std::string password;
};

struct CloneResult
{
    std::string commit;     // the checked-out commit
    std::string branch;     // empty when a tag or a sha was checked out (detached)
    std::string reference;  // what was checked out: refs/heads/B, refs/tags/T or the sha
};

// Clones into `directory` (which must be empty or missing) and checks out the reference.
// Credentials in the URL are used for the transfer and removed from the stored remote. Throws
// Error (failed, unreachable for transport problems, not_found for an unknown reference) with a
// message free of credentials. libgit2 1.5 cannot make shallow clones: the whole history comes.
CloneResult clone(const CloneRequest& request, const std::filesystem::path& directory);

// `git init` of `directory` (created when missing); a no-op for an existing repository.
void init(const std::filesystem::path& directory);

// Whether libgit2 could be loaded.
bool available();

}  // namespace mlrun::git
