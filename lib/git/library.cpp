// Loading libgit2 at first use.

#include "lib/git/library.hpp"

#include <dlfcn.h>

namespace mlrun::git::detail {

Library::Library()
{
    void* handle = ::dlopen(MLRUN_LIBGIT2_FILE, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        handle = ::dlopen("libgit2.so", RTLD_NOW | RTLD_LOCAL);
    }
    if (handle == nullptr) {
        return;  // no git support: callers say so, or treat code as outside any repository
    }
    bool complete = true;
#define MLRUN_GIT_LOAD(name)                                                                       \
    name = reinterpret_cast<decltype(name)>(::dlsym(handle, #name));                               \
    complete = complete && name != nullptr;
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
