// `mlrun runs export [FILTERS] > runs.jsonl`: one MLRun run object per line, oldest first,
// every iteration included; streamed, so memory stays flat however many runs there are.

#include "commands/runs/runs.hpp"

#include <filesystem>
#include <fstream>

#include "cli/shared_options.hpp"
#include "commands/runs/run_filter.hpp"
#include "lib/error.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    RunFilterOptions filter;
    std::string output_file;
};

void execute(Options options, cli::Invocation& invocation)
{
    if (options.filter.sort == "start") {
        options.filter.sort = "oldest";
    }
    auto filter = to_run_filter(options.filter, invocation);
    filter.all_iterations = true;
    // A file is written beside FILE and renamed over it only when complete: a failed export
    // leaves an earlier FILE as it was.
    std::ofstream file;
    std::ostream* out = &invocation.out();
    const auto partial = options.output_file + ".part";
    if (!options.output_file.empty()) {
        file.open(partial, std::ios::binary | std::ios::trunc);
        if (!file) {
            throw Error("cannot write '" + partial + "'");
        }
        out = &file;
    }
    std::size_t count = 0;
    try {
        invocation.run_db().for_each_run(filter, [&](const model::Run& run) {
            *out << model::to_json(run).dump(-1, ' ', false, Json::error_handler_t::replace)
                 << '\n';
            ++count;
        });
    } catch (...) {
        if (!options.output_file.empty()) {
            file.close();
            std::error_code ignored;
            std::filesystem::remove(partial, ignored);
        }
        throw;
    }
    out->flush();
    if (!*out) {
        if (!options.output_file.empty()) {
            file.close();
            std::filesystem::remove(partial);
        }
        throw Error("writing the export failed (disk full?); nothing was replaced");
    }
    if (!options.output_file.empty()) {
        file.close();
        std::error_code error;
        std::filesystem::rename(partial, options.output_file, error);
        if (error) {
            std::error_code ignored;
            std::filesystem::remove(partial, ignored);
            throw Error("cannot write '" + options.output_file + "': " + error.message() +
                        "; nothing was replaced");
        }
        invocation.output().text("exported " + std::to_string(count) + " run(s) to " +
                                 options.output_file);
    }
}

}  // namespace

void add_runs_export(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    add_run_filter_options(command, options->filter, RunFilterUse::backup);
    command.add_option("-O,--output-file", options->output_file, "Write to FILE instead of stdout")
        ->type_name("FILE");
    cli::add_db_option(command, invocation);
    command.callback([options, &invocation] { execute(*options, invocation); });
}

}  // namespace mlrun::commands
