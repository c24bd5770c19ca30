// `mlrun runs diff A B`: two runs side by side: identity, state, parameters, results, labels
// and artifact hashes.

#include "commands/runs/runs.hpp"

#include "cli/cells.hpp"
#include "cli/shared_options.hpp"
#include "commands/runs/checked_run.hpp"
#include "lib/model/run_diff.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::string a;
    std::string b;
    std::string project;
    bool only_changed = false;
};

std::string cell(const Json& value)
{
    return value.is_null() ? std::string{} : cli::cells::value(value);
}

void execute(const Options& options, cli::Invocation& invocation)
{
    const auto a = read_named_run(invocation, options.project, options.a);
    const auto b = read_named_run(invocation, options.project, options.b);
    cli::Table table{"", "field", a.metadata.uid.substr(0, 8), b.metadata.uid.substr(0, 8)};
    Json fields = Json::array();
    for (const auto& difference : model::diff_runs(a, b)) {
        if (options.only_changed && !difference.changed()) {
            continue;
        }
        table.add_row({difference.changed() ? "*" : "", difference.field, cell(difference.a),
                       cell(difference.b)});
        fields.push_back({{"field", difference.field},
                          {"a", difference.a},
                          {"b", difference.b},
                          {"changed", difference.changed()}});
    }
    invocation.output().show(
        Json{{"a", a.metadata.uid}, {"b", b.metadata.uid}, {"fields", fields}},
        [&](std::ostream& out) { table.render(out, invocation.output().style()); });
}

}  // namespace

void add_runs_diff(CLI::App& command, cli::Invocation& invocation)
{
    auto options = std::make_shared<Options>();
    command.add_option("a", options->a, "Uid of the first run")->required()->type_name("UID_A");
    command.add_option("b", options->b, "Uid of the second run")->required()->type_name("UID_B");
    command
        .add_option("-p,--project", options->project, "Project; default: the configured default")
        ->type_name("NAME");
    command.add_flag("--only-changed", options->only_changed, "Show only the fields that differ");
    cli::add_db_option(command, invocation);
    cli::add_output_option(command, invocation);
    command.callback([options, &invocation] { execute(*options, invocation); });
}

}  // namespace mlrun::commands
