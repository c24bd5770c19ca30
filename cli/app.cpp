// The root command line and the one place errors become exit codes.

#include "cli/app.hpp"

#include <algorithm>

#include "cli/completion.hpp"
#include "cli/completion_values.hpp"
#include "cli/exit_code.hpp"
#include "lib/error.hpp"
#include "lib/util/redact.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::cli {
namespace {

constexpr const char* root_description =
    "mlrun: the native MLRun command line.\n"
    "Runs and tracks ML functions locally (embedded store) or through an MLRun API server.";

// The deepest command that was named on the command line, for "see 'mlrun X --help'".
std::string command_path(const CLI::App& root)
{
    std::string path = root.get_name();
    const CLI::App* command = &root;
    while (true) {
        const auto parsed = command->get_subcommands();
        if (parsed.empty()) {
            return path;
        }
        command = parsed.front();
        path += " " + command->get_name();
    }
}

// Help as a person reads it: a negated flag is `--no-save`, not CLI11's `--no-save{false}`.
class PlainFormatter final : public CLI::Formatter
{
public:
    std::string make_option_name(const CLI::Option* option, bool positional) const override
    {
        const auto name = CLI::Formatter::make_option_name(option, positional);
        std::string plain;
        int depth = 0;
        for (const char c : name) {
            depth += c == '{' ? 1 : 0;
            if (depth == 0) {
                plain += c;
            }
            depth -= c == '}' && depth > 0 ? 1 : 0;
        }
        return plain;
    }
};

// Help shows option values by name only (`--output FORMAT`): CLI11 would append each check's
// description (`FORMAT:{table,json,yaml}`, `SECONDS:NONNEGATIVE`); the option's own help text
// says what is accepted.
void plain_type_names(CLI::App& command)
{
    for (auto* option : command.get_options()) {
        for (int index = 0;; ++index) {
            try {
                option->get_validator(index)->description("");
            } catch (const CLI::OptionNotFound&) {
                break;
            }
        }
    }
    for (auto* sub : command.get_subcommands([](const CLI::App*) { return true; })) {
        plain_type_names(*sub);
    }
}

// The first argument that is not an option and names no command, if any.
std::optional<std::string> unknown_command(const std::vector<std::string>& args,
                                           std::span<const CommandSpec> table)
{
    for (const auto& arg : args) {
        if (arg.starts_with('-')) {
            continue;
        }
        const bool known = std::any_of(table.begin(), table.end(),
                                       [&](const CommandSpec& spec) { return arg == spec.name; });
        return known ? std::nullopt : std::optional<std::string>{arg};
    }
    return std::nullopt;
}

int usage_error(Invocation& invocation, const std::string& message, const std::string& hint)
{
    invocation.err() << "error: " << util::for_display(message, invocation.credentials()) << '\n';
    if (!hint.empty()) {
        invocation.err() << "hint: " << hint << '\n';
    }
    return exit_usage;
}

int unknown_command_error(Invocation& invocation, const std::string& name,
                          std::span<const CommandSpec> table)
{
    std::vector<std::string> names;
    for (const auto& spec : table) {
        names.emplace_back(spec.name);
    }
    const auto near = util::closest(name, names);
    return usage_error(invocation, "unknown command '" + name + "'",
                       near ? "did you mean 'mlrun " + *near + "'?"
                            : "see 'mlrun --help' for the commands");
}

std::string lowercase_first(std::string text)
{
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z' &&
        !(text.size() > 1 && text[1] >= 'A' && text[1] <= 'Z')) {
        text[0] = static_cast<char>(text[0] - 'A' + 'a');
    }
    return text;
}

}  // namespace

std::unique_ptr<CLI::App> build_app(std::span<const CommandSpec> table, Invocation& invocation,
                                    std::optional<std::string_view> only)
{
    auto app = std::make_unique<CLI::App>(root_description, "mlrun");
    app->formatter(std::make_shared<PlainFormatter>());  // inherited by every subcommand
    app->require_subcommand(0, 1);
    app->fallthrough();
    app->set_help_all_flag("--help-all", "Show help for every command");
    app->add_flag_function(
        "-v,--verbose",
        [&invocation](std::int64_t count) { invocation.add_verbosity(static_cast<int>(count)); },
        "More log output (repeatable); MLRUN_LOG_LEVEL sets the base level");
    app->footer("Exit status: 0 success, 1 failure, 2 usage error, 130 interrupted.\n"
                "Run 'mlrun help COMMAND' (or 'mlrun COMMAND --help') for a command's options;\n"
                "'mlrun --version' prints the version.");
    for (const auto& spec : table) {
        auto* command = app->add_subcommand(spec.name, spec.summary);
        if (!only || *only == spec.name) {
            spec.add(*command, invocation);
        }
    }
    return app;
}

namespace {

// Which command's options the tree needs for `args`: the named command's only (the root's
// help lists the others by their summaries), all for --help-all.
std::optional<std::string_view> needed_command(const std::vector<std::string>& args,
                                               std::span<const CommandSpec> table)
{
    // Completing: the words after `__complete` say which command's options are asked for (the
    // last word is partial: a command being typed needs only the names).
    const bool completing = !args.empty() && args.front() == complete_command;
    for (const auto& arg : args) {
        if (arg == "--help-all") {
            return std::nullopt;
        }
    }
    for (std::size_t i = completing ? 1 : 0; i < args.size(); ++i) {
        const auto& arg = args[i];
        if (arg.starts_with('-') || (completing && i + 1 == args.size())) {
            continue;
        }
        for (const auto& spec : table) {
            if (arg == spec.name) {
                return std::string_view{spec.name};
            }
        }
        break;
    }
    return std::string_view{};
}

}  // namespace

int run(std::vector<std::string> args, std::span<const CommandSpec> table, Invocation& invocation)
{
    // `mlrun help [COMMAND...]` is `mlrun [COMMAND...] --help`; `mlrun --version` is
    // `mlrun version`.
    if (!args.empty() && args.front() == "help") {
        args.erase(args.begin());
        if (const auto name = unknown_command(args, table)) {
            return unknown_command_error(invocation, *name, table);
        }
        args.emplace_back("--help");
    } else if (args.size() == 1 && args.front() == "--version") {
        args.front() = "version";
    }
    auto app = build_app(table, invocation, needed_command(args, table));
    if (args.empty()) {
        plain_type_names(*app);
        invocation.out() << app->help();
        return exit_success;
    }
    if (args.front() == complete_command) {
        print_completions(*app, {args.begin() + 1, args.end()}, invocation.out(),
                          completion_values(invocation));
        return exit_success;
    }
    // MLRun spells one option with a two-letter short form (`mlrun project -nt SPEC`), which
    // CLI11 would read as `-n t`; it is the long option under another name.
    if (args.front() == "project") {
        for (auto& arg : args) {
            if (arg == "-nt") {
                arg = "--notifications";
            }
        }
    }
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (const auto offset = util::invalid_utf8_offset(args[i])) {
            return usage_error(invocation,
                               "argument " + std::to_string(i + 1) + " is not valid UTF-8 (byte " +
                                   std::to_string(*offset + 1) + ")",
                               "arguments are stored as JSON text, which must be UTF-8");
        }
    }
    try {
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        app->parse(reversed);
        if (app->get_subcommands().empty()) {
            invocation.out() << app->help();
        }
        return exit_success;
    } catch (const CLI::CallForHelp& help) {
        plain_type_names(*app);
        return app->exit(help, invocation.out(), invocation.err());
    } catch (const CLI::CallForAllHelp& help) {
        plain_type_names(*app);
        return app->exit(help, invocation.out(), invocation.err());
    } catch (const CLI::ParseError& error) {
        if (app->get_subcommands().empty()) {
            if (const auto name = unknown_command(args, table)) {
                return unknown_command_error(invocation, *name, table);
            }
        }
        return usage_error(invocation, lowercase_first(error.what()),
                           "see '" + command_path(*app) + " --help'");
    } catch (const Error& error) {
        invocation.err() << "error: " << util::for_display(error.what(), invocation.credentials())
                         << '\n';
        if (!error.hint().empty()) {
            invocation.err() << "hint: " << error.hint() << '\n';
        }
        return exit_code_for(error.kind());
    } catch (const std::exception& error) {
        invocation.err() << "error: internal error: "
                         << util::for_display(error.what(), invocation.credentials()) << '\n';
        return exit_failure;
    }
}

}  // namespace mlrun::cli
