// Opening a shared library at first use (dlopen) and binding its functions: the libraries only
// some commands need (libcurl, libgit2, libarchive, libmicrohttpd) are not loaded at start-up.
#pragma once

#include <initializer_list>

namespace mlrun::util {

// The first of `files` that loads (now, symbols local), or nullptr when none does. Kept open for
// the process' life.
void* open_shared_library(std::initializer_list<const char*> files);

void* shared_library_symbol(void* library, const char* name);

// Binds `function` to the symbol `name` of `library`; false when it has none.
template <typename Function> bool bind_symbol(void* library, Function& function, const char* name)
{
    function = reinterpret_cast<Function>(shared_library_symbol(library, name));
    return function != nullptr;
}

}  // namespace mlrun::util
