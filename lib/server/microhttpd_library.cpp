// Loading libmicrohttpd when a server starts.

#include "lib/server/microhttpd_library.hpp"

#include <dlfcn.h>

#include <type_traits>

#include "lib/error.hpp"

namespace mlrun::server::detail {

Microhttpd::Microhttpd()
{
    void* handle = ::dlopen(MLRUN_LIBMICROHTTPD_FILE, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        handle = ::dlopen("libmicrohttpd.so.12", RTLD_NOW | RTLD_LOCAL);
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
    load(start_daemon, "MHD_start_daemon");
    load(stop_daemon, "MHD_stop_daemon");
    load(quiesce_daemon, "MHD_quiesce_daemon");
    load(get_daemon_info, "MHD_get_daemon_info");
    load(get_connection_values, "MHD_get_connection_values");
    load(get_connection_info, "MHD_get_connection_info");
    load(create_response_from_buffer, "MHD_create_response_from_buffer");
    load(add_response_header, "MHD_add_response_header");
    load(queue_response, "MHD_queue_response");
    load(destroy_response, "MHD_destroy_response");
    loaded = complete;
}

const Microhttpd& microhttpd()
{
    static const Microhttpd instance;
    if (!instance.loaded) {
        throw Error(
            "cannot load libmicrohttpd, which `mlrun serve` needs (" MLRUN_LIBMICROHTTPD_FILE ")",
            ErrorKind::failed, "install it: apt-get install libmicrohttpd12");
    }
    return instance;
}

}  // namespace mlrun::server::detail
