// GNU libmicrohttpd, loaded when a server starts (dlopen), not at start-up: it brings GnuTLS
// and its dependencies, which every other command would otherwise load for nothing. Internal to
// lib/server.
#pragma once

#include <sys/select.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <microhttpd.h>

namespace mlrun::server::detail {

struct Microhttpd
{
    decltype(&::MHD_start_daemon) start_daemon = nullptr;
    decltype(&::MHD_stop_daemon) stop_daemon = nullptr;
    decltype(&::MHD_quiesce_daemon) quiesce_daemon = nullptr;
    decltype(&::MHD_get_daemon_info) get_daemon_info = nullptr;
    decltype(&::MHD_get_connection_values) get_connection_values = nullptr;
    decltype(&::MHD_get_connection_info) get_connection_info = nullptr;
    decltype(&::MHD_create_response_from_buffer) create_response_from_buffer = nullptr;
    decltype(&::MHD_add_response_header) add_response_header = nullptr;
    decltype(&::MHD_queue_response) queue_response = nullptr;
    decltype(&::MHD_destroy_response) destroy_response = nullptr;
    bool loaded = false;

    Microhttpd();
    Microhttpd(const Microhttpd&) = delete;
    Microhttpd& operator=(const Microhttpd&) = delete;
};

// The loaded library (once per process, thread-safe); throws Error when it cannot be loaded,
// naming the package to install.
const Microhttpd& microhttpd();

}  // namespace mlrun::server::detail
