// `mlrun completion bash|zsh|fish`: print the completion script for a shell, e.g.
// `source <(mlrun completion bash)`. The scripts are completions/*, embedded at build time.

#include "commands/commands.hpp"

#include "commands/completion_scripts.hpp"
#include "lib/error.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::string shell;
};

void execute(const Options& options, cli::Invocation& invocation)
{
    if (options.shell == "bash") {
        invocation.out() << completion_scripts::bash;
    } else if (options.shell == "zsh") {
        invocation.out() << completion_scripts::zsh;
    } else if (options.shell == "fish") {
        invocation.out() << completion_scripts::fish;
    } else {
        throw Error("unsupported shell '" + options.shell + "'", ErrorKind::usage,
                    "use one of: bash, zsh, fish");
    }
}

}  // namespace

void add_completion(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    command.add_option("shell", options->shell, "bash, zsh or fish")
        ->required()
        ->type_name("SHELL");
    command.callback([options, &invocation] { execute(*options, invocation); });
}

}  // namespace mlrun::commands
