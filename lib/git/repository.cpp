// What the tool needs to know about a git repository, through libgit2.

#include "lib/git/repository.hpp"

#include "lib/git/library.hpp"

#include "lib/util/redact.hpp"

namespace mlrun::git {

using detail::library;
using detail::Owned;

std::string strip_credentials(const std::string& url)
{
    const auto scheme = url.find("://");
    const auto at = url.find('@', scheme == std::string::npos ? 0 : scheme + 3);
    const auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    if (scheme == std::string::npos || at == std::string::npos ||
        (slash != std::string::npos && at > slash)) {
        return url;
    }
    return url.substr(0, scheme + 3) + url.substr(at + 1);
}

// Whether `path` or a parent holds `.git`: initialising libgit2 loads the TLS certificates
// (tens of milliseconds), which code outside any repository should not pay for.
static bool inside_repository(const std::filesystem::path& path)
{
    std::error_code error;
    auto directory = std::filesystem::absolute(path, error);
    while (!error && !directory.empty()) {
        if (std::filesystem::exists(directory / ".git", error)) {
            return true;
        }
        if (directory == directory.root_path()) {
            break;
        }
        directory = directory.parent_path();
    }
    return false;
}

std::optional<RepositoryState> inspect(const std::filesystem::path& path)
{
    if (!inside_repository(path)) {
        return std::nullopt;
    }
    const auto& git = library();
    if (!git.loaded) {
        return std::nullopt;
    }
    Owned<git_repository> repository{git.git_repository_free};
    if (git.git_repository_open_ext(&repository.pointer, path.c_str(), 0, nullptr) != 0) {
        return std::nullopt;
    }
    git_oid head{};
    if (git.git_reference_name_to_id(&head, repository.pointer, "HEAD") != 0) {
        return std::nullopt;
    }
    RepositoryState state;
    char text[GIT_OID_HEXSZ + 1];
    git.git_oid_tostr(text, sizeof text, &head);
    state.commit = text;
    Owned<git_commit> commit{git.git_commit_free};
    if (git.git_commit_lookup(&commit.pointer, repository.pointer, &head) == 0) {
        const char* summary = git.git_commit_summary(commit.pointer);
        state.message = summary ? summary : "";
    }
    Owned<git_reference> reference{git.git_reference_free};
    if (git.git_repository_head(&reference.pointer, repository.pointer) == 0 &&
        git.git_reference_is_branch(reference.pointer) != 0) {
        const char* name = nullptr;
        if (git.git_branch_name(&name, reference.pointer) == 0 && name) {
            state.branch = name;
        }
    }
    git_strarray remotes{};
    if (git.git_remote_list(&remotes, repository.pointer) == 0 && remotes.count > 0) {
        Owned<git_remote> remote{git.git_remote_free};
        if (git.git_remote_lookup(&remote.pointer, repository.pointer, remotes.strings[0]) == 0) {
            const char* url = git.git_remote_url(remote.pointer);
            state.remote = url ? strip_credentials(url) : "";
        }
    }
    git.git_strarray_dispose(&remotes);
    git_status_options options = GIT_STATUS_OPTIONS_INIT;
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    options.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
    Owned<git_status_list> statuses{git.git_status_list_free};
    if (git.git_status_list_new(&statuses.pointer, repository.pointer, &options) == 0) {
        const auto count = git.git_status_list_entrycount(statuses.pointer);
        state.dirty = count > 0;
        for (std::size_t i = 0; i < count; ++i) {
            const git_status_entry* entry = git.git_status_byindex(statuses.pointer, i);
            const git_diff_delta* delta =
                entry->index_to_workdir != nullptr ? entry->index_to_workdir : entry->head_to_index;
            if (delta != nullptr && delta->new_file.path != nullptr) {
                state.changed.push_back(delta->new_file.path);
            }
        }
    }
    return state;
}

}  // namespace mlrun::git
