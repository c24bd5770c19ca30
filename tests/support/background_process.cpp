// A process started for a test and stopped by its PID.

#include "tests/support/background_process.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include <thread>

namespace mlrun::test {

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv,
                                     const std::map<std::string, std::string>& environment,
                                     const std::filesystem::path& working_directory)
{
    std::vector<std::string> env_strings;
    for (const auto& [key, value] : environment) {
        env_strings.push_back(key + "=" + value);
    }
    std::vector<char*> args;
    for (const auto& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    std::vector<char*> env;
    for (auto& entry : env_strings) {
        env.push_back(entry.data());
    }
    env.push_back(nullptr);
    m_pid = ::fork();
    if (m_pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (m_pid == 0) {
        if (!working_directory.empty() && ::chdir(working_directory.c_str()) != 0) {
            ::_exit(127);
        }
        ::execve(args[0], args.data(), env.data());
        ::_exit(127);
    }
}

BackgroundProcess::~BackgroundProcess()
{
    stop();
}

bool BackgroundProcess::running()
{
    if (m_pid <= 0) {
        return false;
    }
    int status = 0;
    if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
        m_pid = -1;
        return false;
    }
    return true;
}

void BackgroundProcess::stop(std::chrono::milliseconds grace)
{
    if (!running()) {
        return;
    }
    ::kill(m_pid, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
    ::kill(m_pid, SIGKILL);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_pid = -1;
}

}  // namespace mlrun::test
