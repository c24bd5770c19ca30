// Docs and completion cannot drift from the command tree: every command has a man page that
// names each of its long options, is listed in mlrun(1) and README.md, and is offered by
// completion together with all its options.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "cli/completion.hpp"
#include "commands/commands.hpp"
#include "lib/util/files.hpp"

using namespace mlrun;

namespace {

const std::filesystem::path source_dir{MLRUN_SOURCE_DIR};

bool mentions(const std::string& page, const std::string& option)
{
    std::string roff;
    for (char c : option) {
        if (c == '-') {
            roff += "\\-";
        } else {
            roff += c;
        }
    }
    return page.find(option) != std::string::npos || page.find(roff) != std::string::npos;
}

// `command` and its verbs, depth first, each with the words that reach it.
void walk(const CLI::App* command, std::vector<std::string> words,
          std::vector<std::pair<const CLI::App*, std::vector<std::string>>>& out)
{
    words.push_back(command->get_name());
    out.emplace_back(command, words);
    for (const auto* sub : command->get_subcommands([](const CLI::App*) { return true; })) {
        walk(sub, words, out);
    }
}

}  // namespace

TEST_CASE("command tree: man pages, README and completion cover every command and option")
{
    std::ostringstream out, err;
    cli::Invocation invocation{{}, out, err};
    const auto app = cli::build_app(commands::command_table(), invocation);
    const auto main_page = util::read_file(source_dir / "man" / "mlrun.1");
    const auto readme = util::read_file(source_dir / "README.md");
    const auto offered = cli::complete(*app, {""});
    for (const auto* command : app->get_subcommands([](const CLI::App*) { return true; })) {
        const auto name = command->get_name();
        CAPTURE(name);
        const auto page_path = source_dir / "man" / ("mlrun-" + name + ".1");
        REQUIRE_MESSAGE(std::filesystem::exists(page_path), "missing man page " << page_path);
        const auto page = util::read_file(page_path);
        CHECK(mentions(main_page, "mlrun-" + name));
        CHECK(readme.find("mlrun " + name) != std::string::npos);
        CHECK(std::find(offered.begin(), offered.end(), name) != offered.end());
        std::vector<std::pair<const CLI::App*, std::vector<std::string>>> tree;
        walk(command, {}, tree);
        for (const auto& [node, words] : tree) {
            auto query = words;
            query.push_back("--");
            const auto completed = cli::complete(*app, query);
            if (words.size() > 1) {
                CHECK_MESSAGE(mentions(page, words.back()), page_path.filename().string()
                                                                << " does not document the verb "
                                                                << words.back());
                auto verbs = words;
                verbs.back() = "";
                const auto offered_verbs = cli::complete(*app, verbs);
                CHECK(std::find(offered_verbs.begin(), offered_verbs.end(), words.back()) !=
                      offered_verbs.end());
            }
            for (const auto& option : cli::long_options(*node)) {
                CAPTURE(option);
                CHECK(std::find(completed.begin(), completed.end(), option) != completed.end());
                if (option != "--help" && option != "--help-all" && option != "--verbose") {
                    CHECK_MESSAGE(mentions(page, option), page_path.filename().string()
                                                              << " does not document " << option);
                }
            }
        }
    }
    CHECK(mentions(main_page, "--verbose"));
}

TEST_CASE("command tree: completion scripts ask the binary")
{
    for (const char* script : {"mlrun.bash", "_mlrun", "mlrun.fish"}) {
        CAPTURE(script);
        const auto text = util::read_file(source_dir / "completions" / script);
        CHECK(text.find("mlrun __complete") != std::string::npos);
    }
}
