// What the tool needs to know about a git repository, through libgit2.
//
// libgit2 is loaded on first use (dlopen), not at start: it brings a dozen libraries (TLS,
// SSH, Kerberos) whose loading would triple the start-up time of every mlrun command.

#include "lib/git/repository.hpp"

#include <dlfcn.h>
#include <git2.h>

#include "lib/util/redact.hpp"

namespace mlrun::git {
namespace {

// The libgit2 functions used here, resolved from the shared library at first use.
#define MLRUN_GIT_FUNCTIONS(X)                                                                     \
    X(git_libgit2_init)                                                                            \
    X(git_libgit2_shutdown)                                                                        \
    X(git_repository_open_ext)                                                                     \
    X(git_repository_free)                                                                         \
    X(git_reference_name_to_id)                                                                    \
    X(git_oid_tostr)                                                                               \
    X(git_commit_lookup)                                                                           \
    X(git_commit_summary)                                                                          \
    X(git_commit_free)                                                                             \
    X(git_repository_head)                                                                         \
    X(git_reference_is_branch)                                                                     \
    X(git_branch_name)                                                                             \
    X(git_reference_free)                                                                          \
    X(git_remote_list)                                                                             \
    X(git_remote_lookup)                                                                           \
    X(git_remote_url)                                                                              \
    X(git_remote_free)                                                                             \
    X(git_strarray_dispose)                                                                        \
    X(git_status_list_new)                                                                         \
    X(git_status_list_entrycount)                                                                  \
    X(git_status_list_free)

struct Library
{
#define MLRUN_GIT_MEMBER(name) decltype(&::name) name = nullptr;
    MLRUN_GIT_FUNCTIONS(MLRUN_GIT_MEMBER)
#undef MLRUN_GIT_MEMBER
    bool loaded = false;

    Library()
    {
        void* handle = ::dlopen(MLRUN_LIBGIT2_FILE, RTLD_NOW | RTLD_LOCAL);
        if (handle == nullptr) {
            handle = ::dlopen("libgit2.so", RTLD_NOW | RTLD_LOCAL);
        }
        if (handle == nullptr) {
            return;  // no git support: code is then treated as outside any repository
        }
        bool complete = true;
#define MLRUN_GIT_LOAD(name)                                                                       \
    name = reinterpret_cast<decltype(name)>(::dlsym(handle, #name));                               \
    complete = complete && name != nullptr;
        MLRUN_GIT_FUNCTIONS(MLRUN_GIT_LOAD)
#undef MLRUN_GIT_LOAD
        loaded = complete && git_libgit2_init() > 0;
    }

    ~Library()
    {
        if (loaded) {
            git_libgit2_shutdown();  // frees libgit2's global state (caches, regex contexts)
        }
    }
};

const Library& library()
{
    static const Library instance;
    return instance;
}

template <typename T> struct Owned
{
    T* pointer = nullptr;
    void (*free)(T*) = nullptr;
    ~Owned()
    {
        if (pointer != nullptr) {
            free(pointer);
        }
    }
};

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

}  // namespace

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
    Owned<git_repository> repository{nullptr, git.git_repository_free};
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
    Owned<git_commit> commit{nullptr, git.git_commit_free};
    if (git.git_commit_lookup(&commit.pointer, repository.pointer, &head) == 0) {
        const char* summary = git.git_commit_summary(commit.pointer);
        state.message = summary ? summary : "";
    }
    Owned<git_reference> reference{nullptr, git.git_reference_free};
    if (git.git_repository_head(&reference.pointer, repository.pointer) == 0 &&
        git.git_reference_is_branch(reference.pointer) != 0) {
        const char* name = nullptr;
        if (git.git_branch_name(&name, reference.pointer) == 0 && name) {
            state.branch = name;
        }
    }
    git_strarray remotes{};
    if (git.git_remote_list(&remotes, repository.pointer) == 0 && remotes.count > 0) {
        Owned<git_remote> remote{nullptr, git.git_remote_free};
        if (git.git_remote_lookup(&remote.pointer, repository.pointer, remotes.strings[0]) == 0) {
            const char* url = git.git_remote_url(remote.pointer);
            state.remote = url ? strip_credentials(url) : "";
        }
    }
    git.git_strarray_dispose(&remotes);
    git_status_options options = GIT_STATUS_OPTIONS_INIT;
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    options.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
    Owned<git_status_list> statuses{nullptr, git.git_status_list_free};
    if (git.git_status_list_new(&statuses.pointer, repository.pointer, &options) == 0) {
        state.dirty = git.git_status_list_entrycount(statuses.pointer) > 0;
    }
    return state;
}

}  // namespace mlrun::git
