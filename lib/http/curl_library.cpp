// Loading libcurl at first use.

#include "lib/http/curl_library.hpp"

#include <dlfcn.h>

#include "lib/error.hpp"

namespace mlrun::http::detail {

Curl::Curl()
{
    void* handle = ::dlopen(MLRUN_LIBCURL_FILE, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        handle = ::dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    }
    if (handle == nullptr) {
        return;
    }
    bool complete = true;
    const auto load = [&](auto& function, const char* name) {
        function =
            reinterpret_cast<std::remove_reference_t<decltype(function)>>(::dlsym(handle, name));
        complete = complete && function != nullptr;
    };
    load(easy_init, "curl_easy_init");
    load(easy_cleanup, "curl_easy_cleanup");
    load(easy_reset, "curl_easy_reset");
    load(easy_setopt, "curl_easy_setopt");
    load(easy_getinfo, "curl_easy_getinfo");
    load(easy_perform, "curl_easy_perform");
    load(easy_strerror, "curl_easy_strerror");
    load(slist_append, "curl_slist_append");
    load(slist_free_all, "curl_slist_free_all");
    loaded = complete;
}

const Curl& curl()
{
    static const Curl instance;
    if (!instance.loaded) {
        throw Error("cannot load libcurl, which HTTP needs (" MLRUN_LIBCURL_FILE ")",
                    ErrorKind::failed, "install it: apt-get install libcurl4");
    }
    return instance;
}

}  // namespace mlrun::http::detail
