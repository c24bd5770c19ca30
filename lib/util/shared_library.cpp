// dlopen and dlsym, in one place.

#include "lib/util/shared_library.hpp"

#include <dlfcn.h>

namespace mlrun::util {

void* open_shared_library(std::initializer_list<const char*> files)
{
    for (const char* file : files) {
        if (void* library = ::dlopen(file, RTLD_NOW | RTLD_LOCAL)) {
            return library;
        }
    }
    return nullptr;
}

void* shared_library_symbol(void* library, const char* name)
{
    return library == nullptr ? nullptr : ::dlsym(library, name);
}

}  // namespace mlrun::util
