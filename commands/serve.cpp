// `mlrun serve`: MLRun's REST API served from the embedded store, on this machine, with no
// Kubernetes. The API itself lives in lib/server; this binds its options, prints where it
// listens, logs requests at -v and drains on SIGINT/SIGTERM.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "cli/interrupt.hpp"
#include "cli/shared_options.hpp"
#include "commands/commands.hpp"
#include "lib/error.hpp"
#include "lib/server/api.hpp"
#include "lib/server/http_server.hpp"
#include "lib/server/job_runner.hpp"
#include "lib/util/files.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    std::string token;
    std::string token_file;
    std::string artifact_path;
    std::size_t max_jobs = 4;
    unsigned threads = 4;
    std::size_t max_body_mb = 64;
    std::string port_file;
    std::string request_log;
};

std::string read_token(const Options& options)
{
    if (!options.token_file.empty()) {
        std::string token;
        try {
            token = std::string{util::trim(util::read_file(options.token_file))};
        } catch (const Error& error) {
            throw Error("cannot read --token-file " + options.token_file + ": " + error.what(),
                        ErrorKind::usage);
        }
        if (token.empty()) {
            throw Error("--token-file " + options.token_file + " is empty", ErrorKind::usage);
        }
        return token;
    }
    return options.token;
}

// One line of --request-log: what a client sent (credentials masked).
Json request_record(const server::HttpRequest& request)
{
    Json query = Json::array();
    for (const auto& [name, value] : request.query) {
        query.push_back({name, value});
    }
    Json headers = Json::object();
    for (const auto& [name, value] : request.headers) {
        const bool secret =
            name == "authorization" || name == "cookie" || name == "x-v3io-session-key";
        headers[name] = secret ? value.substr(0, value.find(' ') + 1) + "****" : value;
    }
    return {{"method", request.method},
            {"path", request.path},
            {"query", query},
            {"headers", headers},
            {"body", request.body}};
}

void write_port_file(const std::string& path, std::uint16_t port)
{
    const std::string part = path + ".part";
    {
        std::ofstream out(part, std::ios::trunc);
        out << port << "\n";
        if (!out) {
            throw Error("cannot write --port-file " + path, ErrorKind::failed);
        }
    }
    std::filesystem::rename(part, path);
}

void execute(const Options& options, cli::Invocation& invocation)
{
    const auto dbpath = invocation.config().dbpath();
    if (store::is_remote(dbpath)) {
        throw Error("mlrun serve serves the local store; --db / MLRUN_DBPATH names an API (" +
                        dbpath + ")",
                    ErrorKind::usage, "pass --db PATH of a local store file, or leave it unset");
    }
    server::ApiOptions api_options;
    api_options.token = read_token(options);
    api_options.artifact_path =
        options.artifact_path.empty() ? invocation.config().artifact_path() : options.artifact_path;
    api_options.connections = options.threads;
    // One connection now: a store that cannot be opened (corrupt, unwritable) is reported
    // before anything listens.
    auto first = invocation.open_run_db_connection();
    const std::string location = first->location();
    std::mutex open_lock;  // the invocation is not thread-safe; connections are opened rarely
    const auto open_store = [&]() -> std::unique_ptr<store::RunDB> {
        const std::lock_guard guard(open_lock);
        if (first) {
            return std::move(first);
        }
        return invocation.open_run_db_connection();
    };
    server::Api api(api_options, open_store);

    invocation.send_logs_to_stderr();
    auto& logger = invocation.logger();
    std::mutex log_lock;

    // Submitted jobs: `mlrun run --local` processes of this very binary, on this store.
    server::JobRunnerOptions jobs;
    jobs.program = std::filesystem::read_symlink("/proc/self/exe");
    jobs.store = std::filesystem::weakly_canonical(std::filesystem::absolute(location)).string();
    jobs.work_dir = std::filesystem::path{jobs.store}.parent_path() / "jobs";
    jobs.max_jobs = options.max_jobs;
    jobs.environment = invocation.effective_environment();
    server::JobRunner runner(jobs, open_store);
    api.set_job_submitter([&runner](server::JobRequest job) { runner.submit(std::move(job)); });
    api.set_job_aborter([&runner](const std::string& project, const std::string& uid) {
        runner.abort(project, uid);
    });
    server::HttpServerOptions http_options;
    http_options.host = options.host;
    http_options.port = options.port;
    http_options.threads = options.threads;
    http_options.max_body = options.max_body_mb << 20;
    std::ofstream request_log;
    if (!options.request_log.empty()) {
        request_log.open(options.request_log, std::ios::app);
        if (!request_log) {
            throw Error("cannot write --request-log " + options.request_log, ErrorKind::usage);
        }
    }
    server::HttpServer http(http_options, [&](const server::HttpRequest& request) {
        const auto start = std::chrono::steady_clock::now();
        if (request_log.is_open()) {
            const std::lock_guard guard(log_lock);
            request_log << request_record(request).dump(-1, ' ', false,
                                                        Json::error_handler_t::replace)
                        << std::endl;
        }
        auto response = api.handle(request);
        const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::steady_clock::now() - start)
                                .count();
        const std::lock_guard guard(log_lock);
        logger.log(LogLevel::debug, request.peer + " " + request.method + " " + request.path + " " +
                                        std::to_string(response.status) + " " +
                                        std::to_string(micros / 1000) + "." +
                                        std::to_string(micros % 1000 / 100) + " ms");
        return response;
    });
    const cli::CooperativeInterrupts interrupts;
    const std::string address =
        (options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host) +
        ":" + std::to_string(http.port());
    {
        const std::lock_guard guard(log_lock);
        logger.log(LogLevel::info, "serving the MLRun " + server::served_mlrun_version() +
                                       " API at http://" + address + " from " + location +
                                       (api_options.token.empty() ? "" : " (token required)"));
        logger.log(LogLevel::info,
                   "point clients at it: MLRUN_DBPATH=http://" + address + "; Ctrl-C stops it");
        const bool loopback = options.host == "127.0.0.1" || options.host == "::1" ||
                              options.host == "localhost" || options.host.starts_with("127.");
        if (!loopback && api_options.token.empty()) {
            logger.log(LogLevel::warning,
                       "listening on " + options.host +
                           " without --token: anyone who can reach it can read and delete runs "
                           "and run code on this machine (submit_job)");
        }
    }
    if (!options.port_file.empty()) {
        write_port_file(options.port_file, http.port());
    }
    while (!cli::interrupt_requested().load()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    {
        const std::lock_guard guard(log_lock);
        logger.log(LogLevel::info, "stopping: finishing " + std::to_string(http.in_flight()) +
                                       " request(s) in flight");
    }
    http.stop(10'000);
    if (runner.running() + runner.pending() > 0) {
        logger.log(LogLevel::info, "aborting " + std::to_string(runner.running()) +
                                       " running job(s); " + std::to_string(runner.pending()) +
                                       " pending job(s) recorded as aborted");
    }
    runner.stop();
    logger.log(LogLevel::info, "stopped");
}

}  // namespace

void add_serve(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    std::string groups;
    for (const auto& group : server::Api::endpoint_groups()) {
        groups += "\n  " + group;
    }
    command.footer("Serves /api/v1 and /api/v2 of MLRun 1.7:" + groups +
                   "\nBinds 127.0.0.1 unless --host says otherwise. SIGINT/SIGTERM stop it after "
                   "the requests in flight.");
    command.add_option("--host", options->host, "Address to listen on (default 127.0.0.1)")
        ->type_name("ADDRESS");
    command.add_option("--port", options->port, "Port to listen on; 0 picks a free one")
        ->type_name("PORT");
    cli::add_db_option(command, invocation);
    auto* token = command
                      .add_option("--token", options->token,
                                  "Require 'Authorization: Bearer TOKEN' on every request")
                      ->type_name("TOKEN");
    command.add_option("--token-file", options->token_file, "Read the token from FILE")
        ->type_name("FILE")
        ->excludes(token);
    command
        .add_option("--artifact-path", options->artifact_path,
                    "The default artifact path given to clients (client-spec)")
        ->type_name("PATH");
    command
        .add_option("--max-jobs", options->max_jobs,
                    "Jobs run at once on this machine; the rest wait as pending")
        ->type_name("N")
        ->check(cli::whole_number(1, 1024));
    command.add_option("--threads", options->threads, "Worker threads serving requests")
        ->type_name("N")
        ->check(cli::whole_number(1, 256));
    command
        .add_option("--max-body-mb", options->max_body_mb,
                    "Largest request body accepted (413 above)")
        ->type_name("MB")
        ->check(cli::whole_number(1, 4096));
    command
        .add_option("--port-file", options->port_file,
                    "Write the port listened on to FILE once listening")
        ->type_name("FILE");
    command
        .add_option("--request-log", options->request_log,
                    "Append each request (method, path, query, headers with credentials "
                    "masked, body) to FILE as a JSON line: what clients send")
        ->type_name("FILE");
    command.callback([options, &invocation] { execute(*options, invocation); });
}

}  // namespace mlrun::commands
