// libgit2, loaded on first use (dlopen), not at start: it brings a dozen libraries (TLS, SSH,
// Kerberos) whose loading would triple the start-up time of every mlrun command. Internal to
// lib/git: the only place besides lib/git/*.cpp that sees git2.h.
#pragma once

#include <git2.h>

#include <string>

namespace mlrun::git::detail {

// The libgit2 functions used by lib/git, resolved from the shared library at first use.
#define MLRUN_GIT_FUNCTIONS(X)                                                                     \
    X(git_libgit2_init)                                                                            \
    X(git_libgit2_shutdown)                                                                        \
    X(git_error_last)                                                                              \
    X(git_repository_open_ext)                                                                     \
    X(git_repository_init)                                                                         \
    X(git_repository_free)                                                                         \
    X(git_repository_set_head)                                                                     \
    X(git_repository_set_head_detached)                                                            \
    X(git_clone)                                                                                   \
    X(git_reference_name_to_id)                                                                    \
    X(git_reference_lookup)                                                                        \
    X(git_reference_target)                                                                        \
    X(git_oid_tostr)                                                                               \
    X(git_commit_lookup)                                                                           \
    X(git_commit_summary)                                                                          \
    X(git_commit_free)                                                                             \
    X(git_revparse_single)                                                                         \
    X(git_object_peel)                                                                             \
    X(git_object_id)                                                                               \
    X(git_object_free)                                                                             \
    X(git_checkout_tree)                                                                           \
    X(git_branch_create)                                                                           \
    X(git_repository_head)                                                                         \
    X(git_reference_is_branch)                                                                     \
    X(git_branch_name)                                                                             \
    X(git_reference_free)                                                                          \
    X(git_remote_list)                                                                             \
    X(git_remote_lookup)                                                                           \
    X(git_remote_url)                                                                              \
    X(git_remote_set_url)                                                                          \
    X(git_remote_free)                                                                             \
    X(git_credential_userpass_plaintext_new)                                                       \
    X(git_strarray_dispose)                                                                        \
    X(git_status_list_new)                                                                         \
    X(git_status_list_entrycount)                                                                  \
    X(git_status_byindex)                                                                          \
    X(git_status_list_free)

struct Library
{
#define MLRUN_GIT_MEMBER(name) decltype(&::name) name = nullptr;
    MLRUN_GIT_FUNCTIONS(MLRUN_GIT_MEMBER)
#undef MLRUN_GIT_MEMBER
    bool loaded = false;

    Library();
    ~Library();
    Library(const Library&) = delete;
    Library& operator=(const Library&) = delete;

    // libgit2's message for the last failure on this thread, or `fallback`.
    std::string last_error(const std::string& fallback = "unknown error") const;
};

const Library& library();

template <typename T> struct Owned
{
    T* pointer = nullptr;
    void (*free)(T*) = nullptr;
    Owned(void (*free_function)(T*)) : free(free_function) {}
    Owned(const Owned&) = delete;
    Owned& operator=(const Owned&) = delete;
    ~Owned()
    {
        if (pointer != nullptr) {
            free(pointer);
        }
    }
};

}  // namespace mlrun::git::detail
