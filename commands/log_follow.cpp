// Printing and following a run's log.

#include "commands/log_follow.hpp"

#include <chrono>
#include <thread>

#include "cli/interrupt.hpp"
#include "commands/runs/checked_run.hpp"
#include "lib/error.hpp"

namespace mlrun::commands {
namespace {

double number_setting(const config::Config& config, std::string_view key, double fallback)
{
    const auto* value = config.find(key);
    double seconds = fallback;
    if (value != nullptr && value->is_number()) {
        seconds = value->get<double>();
    } else if (value != nullptr && value->is_string()) {
        try {
            seconds = std::stod(value->get<std::string>());
        } catch (const std::exception&) {
            throw Error("configuration " + std::string{key} + " must be a number",
                        ErrorKind::usage);
        }
    }
    return seconds;
}

std::chrono::milliseconds seconds_setting(const config::Config& config, std::string_view key,
                                          double fallback)
{
    return std::chrono::milliseconds{
        static_cast<std::int64_t>(number_setting(config, key, fallback) * 1000)};
}

}  // namespace

std::chrono::milliseconds api_poll_interval(const config::Config& config)
{
    return seconds_setting(config, "httpdb.logs.pull_logs_default_interval", 3);
}

FollowedLog print_log(cli::Invocation& invocation, const std::string& project,
                      const std::string& uid, std::uint64_t offset, bool follow,
                      std::optional<std::chrono::steady_clock::time_point> deadline)
{
    auto& db = invocation.run_db();
    const bool remote = db.is_remote();
    const auto& config = invocation.server_config();
    const auto interval = remote ? api_poll_interval(config) : std::chrono::milliseconds{50};
    const auto backoff =
        remote
            ? seconds_setting(config, "httpdb.logs.pull_logs_backoff_no_logs_default_interval", 10)
            : interval;
    const auto size_limit = static_cast<std::uint64_t>(
        remote ? number_setting(config, "httpdb.logs.pull_logs_default_size_limit", 1 << 20)
               : 1 << 20);
    // With --output json|yaml stdout carries only the document: the log goes to stderr.
    auto& out = invocation.output().is_machine_readable() ? invocation.err() : invocation.out();
    FollowedLog result{model::RunState::unknown, offset};
    int empty_reads = 0;
    bool last_line_ended = true;
    while (true) {
        const auto chunk = db.read_log(project, uid, result.offset, size_limit);
        result.state = chunk.state;
        if (!chunk.bytes.empty()) {
            out.write(chunk.bytes.data(), static_cast<std::streamsize>(chunk.bytes.size()));
            out.flush();
            last_line_ended = chunk.bytes.back() == '\n';
            result.offset += chunk.bytes.size();
            empty_reads = 0;
            // Read again at once when there is more: locally always (a file read is cheap);
            // remotely when the chunk was full, or when the run had already ended (its tail
            // is written, so the confirming empty read need not wait an interval).
            if (!remote || chunk.bytes.size() >= size_limit || model::is_terminal(chunk.state)) {
                continue;
            }
        } else {
            ++empty_reads;
            if (!follow || model::is_terminal(chunk.state)) {
                break;
            }
        }
        if (deadline && std::chrono::steady_clock::now() >= *deadline) {
            break;
        }
        if (cli::interrupt_requested().load()) {
            throw Error("interrupted; the run goes on (mlrun logs " + uid + " -f to follow it)",
                        ErrorKind::interrupted);
        }
        std::this_thread::sleep_for(empty_reads >= 3 ? backoff : interval);
        if (!remote && chunk.state == model::RunState::running) {
            if (const auto current = db.find_run(project, uid, 0)) {
                checked_run(invocation, *current);
            }
        }
    }
    if (!last_line_ended) {
        out << '\n';  // what follows (the final state, a log line) starts on its own line
        out.flush();
    }
    return result;
}

}  // namespace mlrun::commands
