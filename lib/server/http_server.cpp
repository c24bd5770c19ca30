// The HTTP transport over libmicrohttpd (loaded on first use).

#include "lib/server/http_server.hpp"

#include <arpa/inet.h>
#include <netdb.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <thread>

#include <unistd.h>

#include "lib/error.hpp"
#include "lib/server/microhttpd_library.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::server {

namespace {

bool same_name(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string address_text(const sockaddr* address)
{
    char text[INET6_ADDRSTRLEN] = {};
    if (address == nullptr) {
        return {};
    }
    if (address->sa_family == AF_INET) {
        ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text,
                    sizeof text);
    } else if (address->sa_family == AF_INET6) {
        ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text,
                    sizeof text);
    }
    return text;
}

struct Pending
{
    HttpRequest request;
};

}  // namespace

const std::string* HttpRequest::query_value(std::string_view name) const
{
    const std::string* found = nullptr;
    for (const auto& [key, value] : query) {
        if (key == name) {
            found = &value;
        }
    }
    return found;
}

const std::string* HttpRequest::header(std::string_view name) const
{
    for (const auto& [key, value] : headers) {
        if (same_name(key, name)) {
            return &value;
        }
    }
    return nullptr;
}

struct HttpServer::State
{
    const detail::Microhttpd& mhd;
    HttpServerOptions options;
    HttpHandler handler;
    MHD_Daemon* daemon = nullptr;
    std::uint16_t port = 0;
    std::atomic<std::size_t> in_flight{0};
    std::atomic<bool> stopped{false};

    static MHD_Result collect(void* target, MHD_ValueKind, const char* key, const char* value)
    {
        static_cast<Fields*>(target)->emplace_back(key == nullptr ? "" : key,
                                                   value == nullptr ? "" : value);
        return MHD_YES;
    }

    MHD_Result queue(MHD_Connection* connection, const HttpResponse& response) const
    {
        MHD_Response* out = mhd.create_response_from_buffer(
            response.body.size(), const_cast<char*>(response.body.data()), MHD_RESPMEM_MUST_COPY);
        if (out == nullptr) {
            return MHD_NO;
        }
        for (const auto& [name, value] : response.headers) {
            mhd.add_response_header(out, name.c_str(), value.c_str());
        }
        const MHD_Result result =
            mhd.queue_response(connection, static_cast<unsigned>(response.status), out);
        mhd.destroy_response(out);
        return result;
    }

    HttpResponse call(const HttpRequest& request) const
    {
        try {
            return handler(request);
        } catch (const std::exception&) {
            return {500, {{"content-type", "application/json"}}, R"({"detail": "internal error"})"};
        }
    }

    static MHD_Result on_request(void* self, MHD_Connection* connection, const char* url,
                                 const char* method, const char*, const char* upload,
                                 std::size_t* upload_size, void** context)
    {
        auto& state = *static_cast<State*>(self);
        auto* pending = static_cast<Pending*>(*context);
        if (pending == nullptr) {
            pending = new Pending;
            *context = pending;
            state.in_flight.fetch_add(1);
            HttpRequest& request = pending->request;
            request.method = method;
            request.path = url;
            state.mhd.get_connection_values(connection, MHD_GET_ARGUMENT_KIND, &State::collect,
                                            &request.query);
            state.mhd.get_connection_values(connection, MHD_HEADER_KIND, &State::collect,
                                            &request.headers);
            for (auto& [name, value] : request.headers) {
                name = util::to_lower(name);
            }
            if (const auto* info =
                    state.mhd.get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS)) {
                request.peer = address_text(info->client_addr);
            }
            const std::string* length = request.header("content-length");
            if (length != nullptr && !length->empty() &&
                std::strtoull(length->c_str(), nullptr, 10) > state.options.max_body) {
                // Not kept; still read (and dropped) so that every client sees the answer,
                // which it might not when the connection closed under its upload.
                request.body_too_large = true;
            }
            return MHD_YES;
        }
        if (*upload_size != 0) {
            HttpRequest& request = pending->request;
            if (!request.body_too_large) {
                if (request.body.size() + *upload_size > state.options.max_body) {
                    request.body_too_large = true;
                    request.body.clear();
                    request.body.shrink_to_fit();
                } else {
                    request.body.append(upload, *upload_size);
                }
            }
            *upload_size = 0;
            return MHD_YES;
        }
        return state.queue(connection, state.call(pending->request));
    }

    static void on_completed(void* self, MHD_Connection*, void** context,
                             MHD_RequestTerminationCode)
    {
        auto& state = *static_cast<State*>(self);
        if (auto* pending = static_cast<Pending*>(*context)) {
            delete pending;
            *context = nullptr;
            state.in_flight.fetch_sub(1);
        }
    }
};

HttpServer::HttpServer(const HttpServerOptions& options, HttpHandler handler)
    : m_state(new State{detail::microhttpd(), options, std::move(handler)})
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    addrinfo* found = nullptr;
    const std::string port_text = std::to_string(options.port);
    const int resolved = ::getaddrinfo(options.host.empty() ? nullptr : options.host.c_str(),
                                       port_text.c_str(), &hints, &found);
    if (resolved != 0 || found == nullptr) {
        throw Error("cannot listen on " + options.host + ": " + ::gai_strerror(resolved),
                    ErrorKind::usage);
    }
    sockaddr_storage address{};
    std::memcpy(&address, found->ai_addr, found->ai_addrlen);
    const bool ipv6 = found->ai_family == AF_INET6;
    ::freeaddrinfo(found);

    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC;
    if (ipv6) {
        flags |= MHD_USE_IPv6;
    }
    m_state->daemon = m_state->mhd.start_daemon(
        flags, options.port, nullptr, nullptr, &State::on_request, m_state.get(),
        MHD_OPTION_SOCK_ADDR, reinterpret_cast<sockaddr*>(&address),  //
        MHD_OPTION_THREAD_POOL_SIZE, static_cast<unsigned>(std::max(1U, options.threads)),
        MHD_OPTION_CONNECTION_LIMIT, options.max_connections,  //
        MHD_OPTION_CONNECTION_TIMEOUT, options.idle_timeout_seconds, MHD_OPTION_NOTIFY_COMPLETED,
        &State::on_completed, m_state.get(),  //
        MHD_OPTION_END);
    if (m_state->daemon == nullptr) {
        throw Error("cannot listen on " + options.host + ":" + port_text +
                        " (in use, or not an address of this machine)",
                    ErrorKind::failed);
    }
    const auto* info = m_state->mhd.get_daemon_info(m_state->daemon, MHD_DAEMON_INFO_BIND_PORT);
    m_state->port = info != nullptr ? info->port : options.port;
}

HttpServer::~HttpServer()
{
    stop(0);
}

std::uint16_t HttpServer::port() const
{
    return m_state->port;
}

std::size_t HttpServer::in_flight() const
{
    return m_state->in_flight.load();
}

void HttpServer::stop(int grace_ms)
{
    if (m_state->stopped.exchange(true) || m_state->daemon == nullptr) {
        return;
    }
    const int listener = m_state->mhd.quiesce_daemon(m_state->daemon);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(grace_ms);
    while (m_state->in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    m_state->mhd.stop_daemon(m_state->daemon);
    m_state->daemon = nullptr;
    if (listener >= 0) {
        ::close(listener);  // only after the daemon's threads are gone
    }
}

}  // namespace mlrun::server
