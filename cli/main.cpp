// The `mlrun` executable: snapshot the environment, run the command table, return its code.

#include <iostream>
#include <unistd.h>

#include "cli/app.hpp"
#include "cli/exit_code.hpp"
#include "cli/interrupt.hpp"
#include "cli/terminal.hpp"
#include "commands/commands.hpp"

extern char** environ;

namespace {

mlrun::config::Environment snapshot_environment()
{
    mlrun::config::Environment environment;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        const std::string_view text{*entry};
        const auto equals = text.find('=');
        if (equals != std::string_view::npos) {
            environment.emplace(text.substr(0, equals), text.substr(equals + 1));
        }
    }
    return environment;
}

}  // namespace

int main(int argc, char** argv)
{
    mlrun::cli::install_interrupt_handlers();
    std::ios::sync_with_stdio(false);

    auto environment = snapshot_environment();
    const mlrun::cli::TableStyle style{.color = mlrun::cli::use_color(STDOUT_FILENO, environment),
                                       .width =
                                           mlrun::cli::terminal_width(STDOUT_FILENO, environment)};
    mlrun::cli::Invocation invocation{std::move(environment), std::cout, std::cerr, style};
    invocation.set_input(std::cin);
    std::vector<std::string> args(argv + 1, argv + argc);
    const int code = mlrun::cli::run(std::move(args), mlrun::commands::command_table(), invocation);
    std::cout.flush();
    return code;
}
