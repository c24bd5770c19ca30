// Runs an `mlrun` command inside the test process: the binary's command table and Invocation,
// a private HOME that is also the working directory, a clean environment, captured output.
// The same calls as tests/e2e/harness.hpp's Mlrun, without a process per command: for the
// surface checks of commands. Signals, mlrun's own child processes and real HTTP stay end to
// end (tests/e2e), where the process boundary is what is tested.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace mlrun::test {

class InProcessMlrun
{
public:
    InProcessMlrun();

    const TempDir& home() const { return m_home; }
    void set_env(const std::string& key, const std::string& value) { m_environment[key] = value; }

    // Runs `mlrun ARGS...` with `extra` added to the environment and `stdin_text` as standard
    // input; the exit code is the one the binary would return.
    ProcessResult operator()(std::vector<std::string> args,
                             std::map<std::string, std::string> extra = {},
                             const std::string& stdin_text = {}) const;

private:
    TempDir m_home;
    std::map<std::string, std::string> m_environment;
};

}  // namespace mlrun::test
