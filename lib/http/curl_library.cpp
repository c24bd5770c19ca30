// Loading libcurl at first use.

#include "lib/http/curl_library.hpp"

#include "lib/error.hpp"
#include "lib/util/shared_library.hpp"

namespace mlrun::http::detail {

Curl::Curl()
{
    void* handle = util::open_shared_library({MLRUN_LIBCURL_FILE, "libcurl.so.4"});
    if (handle == nullptr) {
        return;
    }
    bool complete = true;
    const auto load = [&](auto& function, const char* name) {
        complete = util::bind_symbol(handle, function, name) && complete;
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
