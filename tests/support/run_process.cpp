// Runs a program and captures what it printed and how it ended.

#include "tests/support/run_process.hpp"

#include <csignal>
#include <fcntl.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "tests/support/temp_dir.hpp"

namespace mlrun::test {

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options)
{
    TempDir capture;
    const auto out_path = capture / "stdout";
    const auto err_path = capture / "stderr";
    const auto in_path = capture.write("stdin", options.stdin_text);

    std::vector<std::string> env_text;
    for (const auto& [key, value] : options.environment) {
        env_text.push_back(key + "=" + value);
    }
    std::vector<char*> env_pointers;
    for (auto& entry : env_text) {
        env_pointers.push_back(entry.data());
    }
    env_pointers.push_back(nullptr);
    std::vector<std::string> args = argv;
    std::vector<char*> arg_pointers;
    for (auto& arg : args) {
        arg_pointers.push_back(arg.data());
    }
    arg_pointers.push_back(nullptr);

    const pid_t pid = ::fork();
    if (pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        const int in = ::open(in_path.c_str(), O_RDONLY);
        const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(in, 0);
        ::dup2(out, 1);
        ::dup2(err, 2);
        if (!options.working_directory.empty() && ::chdir(options.working_directory.c_str()) != 0) {
            ::_exit(126);
        }
        ::setpgid(0, 0);
        ::execve(arg_pointers[0], arg_pointers.data(), env_pointers.data());
        ::_exit(127);
    }

    ProcessResult result;
    const auto deadline = std::chrono::steady_clock::now() + options.timeout * slowdown;
    int status = 0;
    while (true) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            break;
        }
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            result.timed_out = true;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (WIFEXITED(status)) {
        result.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        result.exit_code = 128 + WTERMSIG(status);
    }
    result.out = read_text(out_path);
    result.err = read_text(err_path);
    return result;
}

}  // namespace mlrun::test
