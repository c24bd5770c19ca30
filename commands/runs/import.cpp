// `mlrun runs import FILE|-`: store the runs of a JSON-lines file (as `runs export` writes),
// all in one transaction; existing uid+iteration are replaced, so importing twice is harmless.

#include "commands/runs/runs.hpp"

#include <fstream>

#include "cli/shared_options.hpp"
#include "lib/error.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::string file;
};

void execute(const Options& options, cli::Invocation& invocation)
{
    std::ifstream file;
    std::istream* in = &invocation.in();
    if (options.file != "-") {
        file.open(options.file, std::ios::binary);
        if (!file) {
            throw Error("cannot read '" + options.file + "'", ErrorKind::not_found);
        }
        in = &file;
    }
    const auto source = options.file == "-" ? std::string{"<stdin>"} : options.file;
    auto& db = invocation.run_db();
    std::string line;
    std::size_t number = 0;
    const auto count = db.import_runs([&](model::Run& run) {
        while (std::getline(*in, line)) {
            ++number;
            if (util::trim(line).empty()) {
                continue;
            }
            std::optional<Json> parsed;
            std::string problem = "not a JSON object";
            try {
                parsed = parse_json(line);
            } catch (const nlohmann::json::exception& error) {
                problem = "not JSON (" + std::string{error.what()} + ")";
            }
            if (!parsed || !parsed->is_object()) {
                throw Error(source + ":" + std::to_string(number) + ": " + problem,
                            ErrorKind::usage,
                            "expected one MLRun run object per line, as 'mlrun runs export' "
                            "writes; nothing was imported");
            }
            try {
                run = model::run_from_json(std::move(*parsed));
            } catch (const Error& error) {
                throw Error(source + ":" + std::to_string(number) + ": " + error.what(),
                            ErrorKind::usage, "nothing was imported");
            }
            if (run.metadata.uid.empty()) {
                throw Error(source + ":" + std::to_string(number) + ": run has no metadata.uid",
                            ErrorKind::usage, "nothing was imported");
            }
            return true;
        }
        return false;
    });
    invocation.output().show(
        Json{{"imported", count}, {"store", db.location()}}, [&](std::ostream& out) {
            out << "imported " << count << " run(s) into " << db.location() << '\n';
        });
}

}  // namespace

void add_runs_import(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    command.add_option("file", options->file, "JSON-lines file, or - for standard input")
        ->required()
        ->type_name("FILE");
    cli::add_db_option(command, invocation);
    cli::add_output_option(command, invocation);
    command.callback([options, &invocation] { execute(*options, invocation); });
}

}  // namespace mlrun::commands
