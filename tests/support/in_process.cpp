#include "tests/support/in_process.hpp"

#include <filesystem>
#include <sstream>

#include "cli/app.hpp"
#include "cli/terminal.hpp"
#include "commands/commands.hpp"

namespace mlrun::test {
namespace {

// The working directory of the process, set for one command and restored after it.
class WorkingDirectory
{
public:
    explicit WorkingDirectory(const std::filesystem::path& path)
        : m_previous(std::filesystem::current_path())
    {
        std::filesystem::current_path(path);
    }
    ~WorkingDirectory()
    {
        std::error_code ignored;
        std::filesystem::current_path(m_previous, ignored);
    }
    WorkingDirectory(const WorkingDirectory&) = delete;
    WorkingDirectory& operator=(const WorkingDirectory&) = delete;

private:
    std::filesystem::path m_previous;
};

}  // namespace

InProcessMlrun::InProcessMlrun()
{
    m_environment = {{"HOME", m_home.path().string()},
                     {"PATH", "/usr/local/bin:/usr/bin:/bin"},
                     {"NO_COLOR", "1"},
                     {"LANG", "C.UTF-8"}};
}

ProcessResult InProcessMlrun::operator()(std::vector<std::string> args,
                                         std::map<std::string, std::string> extra,
                                         const std::string& stdin_text) const
{
    config::Environment environment;
    for (const auto& [key, value] : m_environment) {
        environment[key] = value;
    }
    for (auto& [key, value] : extra) {
        environment[key] = value;
    }
    // As cli/main.cpp does for output to a pipe: no colour, the width COLUMNS gives (if any).
    const cli::TableStyle style{.color = false, .width = cli::terminal_width(-1, environment)};
    std::ostringstream out;
    std::ostringstream err;
    std::istringstream in{stdin_text};
    const WorkingDirectory here{m_home.path()};
    cli::Invocation invocation{std::move(environment), out, err, style};
    invocation.set_input(in);
    ProcessResult result;
    result.exit_code = cli::run(std::move(args), commands::command_table(), invocation);
    result.out = out.str();
    result.err = err.str();
    return result;
}

}  // namespace mlrun::test
