// An HTTP/1.1 server on GNU libmicrohttpd: keep-alive, a bounded pool of worker threads, a
// bound on connections and on request bodies. It parses HTTP and hands each complete request
// to one handler; what a request means is the handler's business.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mlrun::server {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest
{
    std::string method;
    std::string path;  // percent-decoded, without the query
    Fields query;      // in order; a name may repeat
    Fields headers;    // names in lower case
    std::string body;
    // The body was over the server's limit: it was not read, `body` is empty.
    bool body_too_large = false;
    std::string peer;  // the client's address

    // The last value of a query parameter / header (names compared as given / case-blind).
    const std::string* query_value(std::string_view name) const;
    const std::string* header(std::string_view name) const;
};

struct HttpResponse
{
    int status = 200;
    Fields headers = {};
    std::string body = {};
};

struct HttpServerOptions
{
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;  // 0: any free port (see HttpServer::port)
    unsigned threads = 4;
    std::size_t max_body = std::size_t{64} << 20;
    unsigned max_connections = 512;
    unsigned idle_timeout_seconds = 120;
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

class HttpServer
{
public:
    // Listens at once; throws Error when the address cannot be bound or the library is missing.
    // The handler is called from the worker threads, several at a time.
    HttpServer(const HttpServerOptions& options, HttpHandler handler);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    std::uint16_t port() const;

    // Stops accepting connections, lets the requests in flight finish (up to `grace_ms`), then
    // closes every connection. Idempotent.
    void stop(int grace_ms = 10'000);

    // Requests being handled now.
    std::size_t in_flight() const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace mlrun::server
