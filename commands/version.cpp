// `mlrun version`: this tool's version and commit, and the MLRun release it speaks as.
// Never touches the network, the configuration or the store.

#include "commands/commands.hpp"

#include "cli/shared_options.hpp"
#include "lib/version.hpp"

namespace mlrun::commands {
namespace {

void execute(cli::Invocation& invocation)
{
    const auto& info = build_info();
    const Json value{{"version", info.tool_version},
                     {"git_commit", info.git_commit},
                     {"mlrun_version", info.mlrun_version},
                     {"api_version", info.api_version}};
    invocation.output().show(value, [&](std::ostream& out) {
        // The first line is the real tool's, so scripts that read it keep working.
        out << "MLRun version: {'version': '" << info.mlrun_version << "', 'git_commit': '"
            << info.git_commit << "'}\n"
            << "mlrun native CLI " << info.tool_version << " (commit " << info.git_commit
            << "), MLRun API " << info.api_version << "\n";
    });
}

}  // namespace

void add_version(CLI::App& command, cli::Invocation& invocation)
{
    cli::add_output_option(command, invocation);
    command.callback([&invocation] { execute(invocation); });
}

}  // namespace mlrun::commands
