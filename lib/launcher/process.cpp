// Runs a child process in its own process group and streams what it prints.

#include "lib/launcher/process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/error.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::launcher {
namespace {

using Clock = std::chrono::steady_clock;

struct Pipe
{
    int read = -1;
    int write = -1;
};

Pipe make_pipe()
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        throw Error(std::string{"cannot create a pipe: "} + std::strerror(errno));
    }
    return {fds[0], fds[1]};
}

void close_fd(int& fd)
{
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

int exit_code_of(int status)
{
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return -1;
}

}  // namespace

std::optional<std::filesystem::path> find_program(const std::string& name,
                                                  const std::string& path_variable)
{
    if (name.find('/') != std::string::npos) {
        return std::filesystem::path{name};
    }
    for (const auto& directory : util::split(path_variable, ":")) {
        const auto candidate = std::filesystem::path{directory.empty() ? "." : directory} / name;
        if (::access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate)) {
            return candidate;
        }
    }
    return std::nullopt;
}

ProcessOutcome run_process(const ProcessSpec& spec, const ProcessStreams& streams,
                           const ProcessLimits& limits)
{
    if (spec.argv.empty()) {
        throw std::logic_error("run_process: empty argv");
    }
    const auto path_variable =
        config::lookup(spec.environment, "PATH").value_or("/usr/local/bin:/usr/bin:/bin");
    const auto program = find_program(spec.argv[0], path_variable);
    if (!program) {
        throw Error("cannot run '" + spec.argv[0] + "': not found on PATH", ErrorKind::not_found);
    }
    // Everything the child needs is prepared before fork: after it, only async-signal-safe calls.
    std::vector<std::string> env_text;
    for (const auto& [key, value] : spec.environment) {
        env_text.push_back(key + "=" + value);
    }
    std::vector<char*> envp;
    for (auto& entry : env_text) {
        envp.push_back(entry.data());
    }
    envp.push_back(nullptr);
    auto args = spec.argv;
    std::vector<char*> argv;
    for (auto& arg : args) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    const std::string program_path = program->string();
    const std::string directory = spec.working_directory.string();

    auto out = make_pipe();
    auto err = make_pipe();
    auto exec_error = make_pipe();
    const pid_t pid = ::fork();
    if (pid < 0) {
        throw Error(std::string{"cannot start a process: "} + std::strerror(errno));
    }
    if (pid == 0) {
        // The keeper: it leads the child's process group, runs the program as its own child
        // and stays to kill the whole group -- the program's children and theirs too -- when
        // mlrun dies, even by SIGKILL (the kernel tells it through PR_SET_PDEATHSIG). It mirrors
        // the program's exit status, so mlrun sees the program's. Async-signal-safe calls only.
        ::setpgid(0, 0);
        const pid_t mlrun_pid = ::getppid();
        sigset_t watched;
        ::sigemptyset(&watched);
        for (const int sig : {SIGUSR1, SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGQUIT}) {
            ::sigaddset(&watched, sig);
        }
        ::sigprocmask(SIG_BLOCK, &watched, nullptr);
        ::signal(SIGCHLD, SIG_DFL);
        ::prctl(PR_SET_PDEATHSIG, SIGUSR1);
        ::signal(SIGPIPE, SIG_DFL);
        ::dup2(out.write, STDOUT_FILENO);
        ::dup2(err.write, STDERR_FILENO);
        const int null_input = ::open("/dev/null", O_RDONLY);
        if (null_input >= 0) {
            ::dup2(null_input, STDIN_FILENO);
        }
        if (!directory.empty() && ::chdir(directory.c_str()) != 0) {
            const int code = errno;
            [[maybe_unused]] auto ignored = ::write(exec_error.write, &code, sizeof code);
            ::_exit(127);
        }
        const pid_t worker = ::fork();
        if (worker < 0) {
            const int code = errno;
            [[maybe_unused]] auto ignored = ::write(exec_error.write, &code, sizeof code);
            ::_exit(127);
        }
        if (worker == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // the keeper gone: the program too
            for (const int sig : {SIGUSR1, SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGQUIT}) {
                ::signal(sig, SIG_DFL);
            }
            sigset_t none;
            ::sigemptyset(&none);
            ::sigprocmask(SIG_SETMASK, &none, nullptr);
            ::execve(program_path.c_str(), argv.data(), envp.data());
            const int code = errno;
            [[maybe_unused]] auto ignored = ::write(exec_error.write, &code, sizeof code);
            ::_exit(127);
        }
        // Only the program holds the pipes: they close when it (and its children) are done.
        for (int* fd :
             {&exec_error.write, &exec_error.read, &out.write, &out.read, &err.write, &err.read}) {
            close_fd(*fd);
        }
        const int null_output = ::open("/dev/null", O_WRONLY);
        if (null_output >= 0) {
            ::dup2(null_output, STDOUT_FILENO);
            ::dup2(null_output, STDERR_FILENO);
        }
        if (::getppid() != mlrun_pid) {  // mlrun died before the death signal was armed
            ::kill(-::getpgrp(), SIGKILL);
        }
        while (true) {
            siginfo_t info;
            const int sig = ::sigwaitinfo(&watched, &info);
            if (sig == SIGUSR1) {  // mlrun is gone: so is everything it started
                ::kill(-::getpgrp(), SIGKILL);
                ::_exit(137);
            }
            if (sig != SIGCHLD) {
                continue;  // TERM, INT...: sent to the group, for the program, which has them
            }
            int status = 0;
            if (::waitpid(worker, &status, WNOHANG) != worker) {
                continue;
            }
            if (WIFEXITED(status)) {
                ::_exit(WEXITSTATUS(status));
            }
            const int killed_by = WIFSIGNALED(status) ? WTERMSIG(status) : SIGKILL;
            ::signal(killed_by, SIG_DFL);
            sigset_t one;
            ::sigemptyset(&one);
            ::sigaddset(&one, killed_by);
            ::sigprocmask(SIG_UNBLOCK, &one, nullptr);
            ::kill(::getpid(), killed_by);
            ::_exit(128 + killed_by);
        }
    }
    ::setpgid(pid, pid);  // also from the parent, so that killing the group never races
    close_fd(out.write);
    close_fd(err.write);
    close_fd(exec_error.write);
    int child_errno = 0;
    if (::read(exec_error.read, &child_errno, sizeof child_errno) == sizeof child_errno) {
        close_fd(exec_error.read);
        close_fd(out.read);
        close_fd(err.read);
        ::waitpid(pid, nullptr, 0);
        throw Error("cannot run '" + spec.argv[0] + "': " + std::strerror(child_errno),
                    ErrorKind::not_found);
    }
    close_fd(exec_error.read);

    ProcessOutcome outcome;
    const auto started = Clock::now();
    std::optional<Clock::time_point> kill_at;
    int status = 0;
    bool reaped = false;
    std::optional<Clock::time_point> reaped_at;
    char buffer[64 * 1024];
    while (out.read >= 0 || err.read >= 0) {
        pollfd fds[2] = {{out.read, POLLIN, 0}, {err.read, POLLIN, 0}};
        const int ready = ::poll(fds, 2, 50);
        if (ready < 0 && errno != EINTR) {
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) {
                continue;
            }
            const auto got = ::read(fds[i].fd, buffer, sizeof buffer);
            if (got > 0) {
                const std::string_view chunk{buffer, static_cast<std::size_t>(got)};
                (i == 0 ? streams.out : streams.err)(chunk);
            } else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
                close_fd(i == 0 ? out.read : err.read);
            }
        }
        const auto now = Clock::now();
        if (outcome.reason == StopReason::exited) {
            if (limits.cancel != nullptr && limits.cancel->load()) {
                outcome.reason = StopReason::cancelled;
            } else if (limits.timeout && now - started > *limits.timeout) {
                outcome.reason = StopReason::timed_out;
            }
            if (outcome.reason != StopReason::exited) {
                ::kill(-pid, SIGTERM);
                kill_at = now + limits.grace;
            }
        }
        if (kill_at && now > *kill_at) {
            ::kill(-pid, SIGKILL);
            kill_at.reset();
        }
        if (!reaped && ::waitpid(pid, &status, WNOHANG) == pid) {
            reaped = true;
            reaped_at = now;
        }
        // Descendants may keep the pipes open after the child ended; do not wait on them long.
        if (reaped && now - *reaped_at > std::chrono::milliseconds(200)) {
            break;
        }
    }
    close_fd(out.read);
    close_fd(err.read);
    if (!reaped) {
        ::waitpid(pid, &status, 0);
    }
    if (outcome.reason != StopReason::exited) {
        ::kill(-pid, SIGKILL);  // no orphans left behind in the group
    }
    outcome.exit_code = exit_code_of(status);
    return outcome;
}

}  // namespace mlrun::launcher
