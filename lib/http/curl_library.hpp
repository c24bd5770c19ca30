// libcurl, loaded on first use (dlopen), not at start: it brings about twenty libraries (TLS,
// HTTP/2, SSH, LDAP, Kerberos, IDN) whose loading was most of the start-up time of every mlrun
// command, including those that never talk HTTP. Internal to lib/http.
#pragma once

#define CURL_DISABLE_TYPECHECK  // curl_easy_setopt as a function, not a type-checking macro
#include <curl/curl.h>

namespace mlrun::http::detail {

struct Curl
{
    decltype(&::curl_easy_init) easy_init = nullptr;
    decltype(&::curl_easy_cleanup) easy_cleanup = nullptr;
    decltype(&::curl_easy_reset) easy_reset = nullptr;
    decltype(&::curl_easy_setopt) easy_setopt = nullptr;
    decltype(&::curl_easy_getinfo) easy_getinfo = nullptr;
    decltype(&::curl_easy_perform) easy_perform = nullptr;
    decltype(&::curl_easy_strerror) easy_strerror = nullptr;
    decltype(&::curl_slist_append) slist_append = nullptr;
    decltype(&::curl_slist_free_all) slist_free_all = nullptr;
    bool loaded = false;

    Curl();
    Curl(const Curl&) = delete;
    Curl& operator=(const Curl&) = delete;
};

// The loaded library (once per process, thread-safe); throws Error when libcurl cannot be
// loaded, naming the package to install.
const Curl& curl();

}  // namespace mlrun::http::detail
