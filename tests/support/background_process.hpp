// A process started for a test (a server) and stopped, by its PID, when the object goes away:
// TERM, then KILL after a grace period.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace mlrun::test {

class BackgroundProcess
{
public:
    BackgroundProcess(const std::vector<std::string>& argv,
                      const std::map<std::string, std::string>& environment,
                      const std::filesystem::path& working_directory = {});
    ~BackgroundProcess();
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;

    pid_t pid() const { return m_pid; }
    bool running();
    void stop(std::chrono::milliseconds grace = std::chrono::milliseconds{3000});

private:
    pid_t m_pid = -1;
};

}  // namespace mlrun::test
