// Runs a program with a given environment and working directory, capturing stdout, stderr
// and the exit code, killing it after a timeout.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace mlrun::test {

struct ProcessResult
{
    int exit_code = -1;  // 128 + signal when killed by one
    std::string out;
    std::string err;
    bool timed_out = false;
};

// Sanitizer builds run every process several times slower; a time bound in a test (never a
// speed target: those live in bench/) is multiplied by this so a loaded CI machine does not
// turn slowness into a failure.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
inline constexpr int slowdown = 4;
#else
inline constexpr int slowdown = 1;
#endif

struct ProcessOptions
{
    std::map<std::string, std::string> environment;  // the whole environment of the child
    std::filesystem::path working_directory;         // empty: inherit
    std::string stdin_text;
    std::chrono::seconds timeout{30};  // multiplied by `slowdown`
};

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options);

}  // namespace mlrun::test
