// The `mlrun` executable: snapshot the environment, run the command table, return its code.

#include <csignal>
#include <iostream>
#include <unistd.h>

#include "cli/app.hpp"
#include "cli/exit_code.hpp"
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

extern "C" void on_interrupt(int)
{
    // Only async-signal-safe calls here. Files are written atomically and the store in
    // transactions, so stopping now loses nothing that was committed.
    constexpr char message[] = "\ninterrupted\n";
    [[maybe_unused]] const auto ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
    ::_exit(mlrun::cli::exit_interrupted);
}

}  // namespace

int main(int argc, char** argv)
{
    std::signal(SIGINT, on_interrupt);
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
