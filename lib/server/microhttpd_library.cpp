// Loading libmicrohttpd when a server starts.

#include "lib/server/microhttpd_library.hpp"

#include "lib/error.hpp"
#include "lib/util/shared_library.hpp"

namespace mlrun::server::detail {

Microhttpd::Microhttpd()
{
    void* handle = util::open_shared_library({MLRUN_LIBMICROHTTPD_FILE, "libmicrohttpd.so.12"});
    if (handle == nullptr) {
        return;
    }
    bool complete = true;
    const auto load = [&](auto& function, const char* name) {
        complete = util::bind_symbol(handle, function, name) && complete;
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
