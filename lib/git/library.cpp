// Loading libgit2 at first use.

#include "lib/git/library.hpp"

#include "lib/util/shared_library.hpp"

namespace mlrun::git::detail {

Library::Library()
{
    void* handle = util::open_shared_library({MLRUN_LIBGIT2_FILE, "libgit2.so"});
    if (handle == nullptr) {
        return;  // no git support: callers say so, or treat code as outside any repository
    }
    bool complete = true;
#define MLRUN_GIT_LOAD(name) complete = util::bind_symbol(handle, name, #name) && complete;
    MLRUN_GIT_FUNCTIONS(MLRUN_GIT_LOAD)
#undef MLRUN_GIT_LOAD
    loaded = complete && git_libgit2_init() > 0;
}

Library::~Library()
{
    if (loaded) {
        git_libgit2_shutdown();  // frees libgit2's global state (caches, regex contexts)
    }
}

std::string Library::last_error(const std::string& fallback) const
{
    const git_error* error = git_error_last();
    if (error == nullptr || error->message == nullptr || *error->message == '\0') {
        return fallback;
    }
    return error->message;
}

const Library& library()
{
    static const Library instance;
    return instance;
}

}  // namespace mlrun::git::detail
