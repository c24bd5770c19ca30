// Detecting runs whose runner process died.

#include "lib/launcher/runner_state.hpp"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

#include "lib/util/time.hpp"

namespace mlrun::launcher {

std::string this_host()
{
    char name[256] = {};
    return ::gethostname(name, sizeof name - 1) == 0 ? std::string{name} : std::string{"localhost"};
}

namespace {

// The start time of process `pid` (field 22 of /proc/PID/stat), to tell a reused pid apart.
std::string process_start(long pid)
{
    // Plain reads: the process may exit while its file is read (ESRCH), which is an answer
    // ("gone"), not an error; an ifstream throws there.
    std::string text;
    const int fd = ::open(("/proc/" + std::to_string(pid) + "/stat").c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return {};
    }
    char buffer[1024];
    ssize_t got = 0;
    while ((got = ::read(fd, buffer, sizeof buffer)) > 0) {
        text.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fd);
    if (got < 0) {
        return {};
    }
    const auto close = text.rfind(')');
    if (close == std::string::npos) {
        return {};
    }
    std::size_t field = 3;  // `at` is the space before field `field`
    std::size_t at = close + 1;
    while (at < text.size() && field < 22) {
        at = text.find(' ', at + 1);
        if (at == std::string::npos) {
            return {};
        }
        ++field;
    }
    const auto end = text.find(' ', at + 1);
    return text.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
}

}  // namespace

void record_runner(model::Run& run)
{
    const auto pid = static_cast<long>(::getpid());
    run.status.extra["runner"] = {
        {"host", this_host()}, {"pid", pid}, {"start", process_start(pid)}};
}

bool runner_gone(const model::Run& run)
{
    if (run.status.state != model::RunState::running &&
        run.status.state != model::RunState::pending) {
        return false;
    }
    const auto found = run.status.extra.find("runner");
    if (found == run.status.extra.end() || !found->is_object() ||
        found->value("host", "") != this_host()) {
        return false;
    }
    const auto pid = found->value("pid", 0L);
    const bool alive = pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM) &&
                       process_start(pid) == found->value("start", std::string{});
    return !alive;
}

model::Run mark_runner_died(model::Run run)
{
    const auto pid =
        run.status.extra.contains("runner") ? run.status.extra["runner"].value("pid", 0L) : 0L;
    run.status.state = model::RunState::error;
    run.status.error = "runner died: the mlrun process (pid " + std::to_string(pid) +
                       ") that ran this run is gone";
    run.status.last_update = util::format_iso(util::now_micros());
    run.status.extra.erase("runner");
    return run;
}

Json runner_died_updates(const model::Run& run)
{
    const auto died = mark_runner_died(run);
    return {{"status.state", std::string{model::to_string(died.status.state)}},
            {"status.error", died.status.error},
            {"status.last_update", died.status.last_update}};
}

}  // namespace mlrun::launcher
