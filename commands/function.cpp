// `mlrun function show SOURCE`: what a function is (kind, image, handlers with their parameters
// and docs) from a code file, a function YAML (path or URL), db:// or hub://.

#include <sstream>

#include "cli/shared_options.hpp"
#include "commands/commands.hpp"
#include "commands/project/project_common.hpp"
#include "lib/error.hpp"
#include "lib/project/function_url.hpp"

namespace mlrun::commands {
namespace {

struct Options
{
    std::string source;
    project::CodeOptions code;
};

std::string text(const Json& object, const char* key)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        return {};
    }
    return it->is_string() ? it->get<std::string>() : it->dump();
}

// `name(a, b: int = 1)`.
std::string signature(const std::string& name, const Json& entry)
{
    std::string out = name + "(";
    bool first = true;
    const auto parameters = entry.find("parameters");
    if (parameters != entry.end() && parameters->is_array()) {
        for (const auto& parameter : *parameters) {
            out += first ? "" : ", ";
            first = false;
            out += text(parameter, "name");
            if (const auto type = text(parameter, "type"); !type.empty()) {
                out += ": " + type;
            }
            // A literal default is recorded as its value (0.5), any other as its source text.
            if (const auto value = parameter.find("default"); value != parameter.end()) {
                out += " = " + (value->is_string() ? value->get<std::string>() : value->dump());
            }
        }
    }
    return out + ")";
}

void print_summary(std::ostream& out, const model::Function& function)
{
    const auto row = [&](const char* label, const std::string& value) {
        if (!value.empty()) {
            out << label << value << "\n";
        }
    };
    row("name:        ", function.metadata.name);
    row("project:     ", function.metadata.project);
    row("tag:         ", function.metadata.tag);
    row("kind:        ", function.effective_kind());
    row("image:       ", function.spec.image);
    row("description: ", function.spec.description);
    row("handler:     ", function.spec.default_handler);
    row("command:     ", function.spec.command);
    const auto& build = function.spec.build;
    if (const auto origin = build.find("origin_filename"); origin != build.end()) {
        row("code:        ", origin->is_string() ? origin->get<std::string>() : "");
    }
    if (const auto requirements = build.find("requirements");
        requirements != build.end() && requirements->is_array() && !requirements->empty()) {
        std::string joined;
        for (const auto& requirement : *requirements) {
            joined +=
                (joined.empty() ? "" : ", ") +
                (requirement.is_string() ? requirement.get<std::string>() : requirement.dump());
        }
        row("requires:    ", joined);
    }
    const auto& entry_points = function.spec.entry_points;
    if (!entry_points.is_object() || entry_points.empty()) {
        return;
    }
    out << "entry points:\n";
    for (auto it = entry_points.begin(); it != entry_points.end(); ++it) {
        const auto& entry = it.value();
        out << "  " << signature(it.key(), entry) << "\n";
        if (const auto doc = text(entry, "doc"); !doc.empty()) {
            std::istringstream lines{doc};
            for (std::string line; std::getline(lines, line);) {
                out << "      " << line << "\n";
            }
        }
        const auto parameters = entry.find("parameters");
        if (parameters != entry.end() && parameters->is_array()) {
            for (const auto& parameter : *parameters) {
                if (const auto doc = text(parameter, "doc"); !doc.empty()) {
                    out << "      " << text(parameter, "name") << ": " << doc << "\n";
                }
            }
        }
        const auto outputs = entry.find("outputs");
        if (outputs != entry.end() && outputs->is_array()) {
            for (const auto& output : *outputs) {
                const auto type = text(output, "type");
                const auto doc = text(output, "doc");
                if (!type.empty() || !doc.empty()) {
                    out << "      returns" << (type.empty() ? "" : " " + type)
                        << (doc.empty() ? "" : ": " + doc) << "\n";
                }
            }
        }
    }
}

model::Function resolve(const Options& options, cli::Invocation& invocation)
{
    // The same reading of the URL as run -f, build and deploy.
    const auto& source = options.source;
    auto function =
        project::resolve_function_url(source, {.code = options.code}, function_tools(invocation))
            .function;
    if (project::function_url_form(source) != project::FunctionUrlForm::code_file) {
        if (!options.code.image.empty()) {
            function.spec.image = options.code.image;
        }
        if (!options.code.handler.empty()) {
            function.spec.default_handler = options.code.handler;
        }
    }
    return function;
}

}  // namespace

void add_function(CLI::App& command, cli::Invocation& invocation)
{
    command.require_subcommand(1);
    auto& show = *command.add_subcommand("show", "Describe a function: kind, image, handlers");
    auto options = std::make_shared<Options>();
    show.add_option("source", options->source,
                    "A .py file, a function YAML (path or URL; '.' = function.yaml), "
                    "db://[PROJECT/]NAME[:TAG], hub://NAME[:TAG], or a function of the project "
                    "here")
        ->required()
        ->type_name("SOURCE");
    show.add_option("-n,--name", options->code.name, "Function name (code files)")
        ->type_name("NAME");
    show.add_option("-k,--kind", options->code.kind, "Runtime kind for a code file (default job)")
        ->type_name("KIND");
    show.add_option("--handler", options->code.handler, "Default handler")->type_name("NAME");
    show.add_option("-i,--image", options->code.image, "Container image")->type_name("IMAGE");
    cli::add_db_option(show, invocation);
    cli::add_output_option(show, invocation);
    show.callback([options, &invocation] {
        const auto function = resolve(*options, invocation);
        invocation.output().show(model::to_json(function),
                                 [&](std::ostream& out) { print_summary(out, function); });
    });
}

}  // namespace mlrun::commands
