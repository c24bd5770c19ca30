// `mlrun project validate [CONTEXT|FILE...]`: a lint for CI. Every problem is printed as
// file:line:col: message; the exit status is 1 when there is an error (warnings, about shapes
// MLRun loads but does not document, are shown only).

#include <algorithm>

#include "cli/shared_options.hpp"
#include "commands/project/project.hpp"
#include "commands/project/project_common.hpp"
#include "lib/error.hpp"
#include "lib/project/validate.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::vector<std::string> paths;
};

void execute(const Options& options, cli::Invocation& invocation)
{
    auto paths = options.paths;
    if (paths.empty()) {
        paths.push_back(".");
    }
    std::vector<project::Problem> problems;
    Json files = Json::array();
    for (const auto& given : paths) {
        std::filesystem::path file = given;
        std::filesystem::path context;
        if (std::filesystem::is_directory(given)) {
            const auto found = project::find_project_file(given);
            if (!found) {
                problems.push_back({given, 0, 0, "no project.yaml in this folder"});
                continue;
            }
            file = *found;
            context = given;
        } else {
            context = file.has_parent_path() ? file.parent_path() : ".";
        }
        files.push_back(file.string());
        auto found = project::validate_file(file, context);
        problems.insert(problems.end(), found.begin(), found.end());
    }
    Json items = Json::array();
    for (const auto& problem : problems) {
        items.push_back({{"file", problem.file},
                         {"line", problem.line},
                         {"column", problem.column},
                         {"severity", problem.warning ? "warning" : "error"},
                         {"message", problem.message}});
    }
    invocation.output().show({{"files", files}, {"problems", items}}, [&](std::ostream& out) {
        for (const auto& problem : problems) {
            out << problem.to_string() << "\n";
        }
        if (std::all_of(problems.begin(), problems.end(),
                        [](const auto& problem) { return problem.warning; })) {
            for (const auto& file : files) {
                out << file.get<std::string>() << ": ok\n";
            }
        }
    });
    // Warnings are shown; only errors fail the check.
    const auto errors = static_cast<std::size_t>(std::count_if(
        problems.begin(), problems.end(), [](const auto& problem) { return !problem.warning; }));
    if (errors != 0) {
        throw Error(std::to_string(errors) + (errors == 1 ? " problem" : " problems") + " found");
    }
}

}  // namespace

void add_project_validate(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    command
        .add_option("paths", options->paths,
                    "Project folders, project or function YAML files (default: .)")
        ->type_name("CONTEXT|FILE");
    cli::add_output_option(command, invocation);
    command.callback([options, &invocation] { execute(*options, invocation); });
}

}  // namespace mlrun::commands
