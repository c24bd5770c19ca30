// Runs the built `mlrun` binary in a private HOME with a clean environment.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace mlrun::test {

class Mlrun
{
public:
    Mlrun()
    {
        m_environment = {{"HOME", m_home.path().string()},
                         {"PATH", "/usr/local/bin:/usr/bin:/bin"},
                         {"NO_COLOR", "1"},
                         {"LANG", "C.UTF-8"}};
        for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"}) {
            if (const char* value = std::getenv(name)) {
                m_environment[name] = value;
            }
        }
    }

    const TempDir& home() const { return m_home; }
    void set_env(const std::string& key, const std::string& value) { m_environment[key] = value; }
    // The bound of each later call (before the sanitizer `slowdown`); 30 s unless set.
    void set_timeout(std::chrono::seconds timeout) { m_timeout = timeout; }

    ProcessResult operator()(std::vector<std::string> args,
                             std::map<std::string, std::string> extra = {}) const
    {
        args.insert(args.begin(), MLRUN_BIN);
        ProcessOptions options;
        options.environment = m_environment;
        for (auto& [key, value] : extra) {
            options.environment[key] = value;
        }
        options.working_directory = m_home.path();
        options.timeout = m_timeout;
        return run_process(args, options);
    }

    // `mlrun runs show REF [EXTRA...] --output json`, parsed; throws (failing the test) with
    // the command's stderr when it fails.
    nlohmann::json show_run(const std::string& ref, std::vector<std::string> extra = {}) const
    {
        std::vector<std::string> args = {"runs", "show", ref};
        args.insert(args.end(), extra.begin(), extra.end());
        args.insert(args.end(), {"--output", "json"});
        const auto shown = (*this)(args);
        if (shown.exit_code != 0) {
            throw std::runtime_error("mlrun runs show " + ref + " failed: " + shown.err);
        }
        return nlohmann::json::parse(shown.out);
    }

private:
    TempDir m_home;
    std::map<std::string, std::string> m_environment;
    std::chrono::seconds m_timeout{30};
};

}  // namespace mlrun::test
