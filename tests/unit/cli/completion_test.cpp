#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "cli/completion.hpp"
#include "cli/exit_code.hpp"
#include "commands/commands.hpp"

using namespace mlrun;

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item)
{
    return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

TEST_CASE("completion: commands, prefixes and options come from the tree")
{
    std::ostringstream out, err;
    cli::Invocation invocation{{}, out, err};
    const auto app = cli::build_app(commands::command_table(), invocation);
    const auto top = cli::complete(*app, {""});
    CHECK(contains(top, "config"));
    CHECK(contains(top, "version"));
    CHECK_FALSE(contains(top, "__complete"));
    CHECK(cli::complete(*app, {"con"}) == std::vector<std::string>{"config"});
    const auto options = cli::complete(*app, {"config", "--a"});
    CHECK(contains(options, "--api"));
    CHECK(contains(options, "--access-key"));
    CHECK(contains(options, "--artifact-path"));
    CHECK_FALSE(contains(options, "--output"));
    CHECK(contains(cli::complete(*app, {"version", "-"}), "--verbose"));
}

TEST_CASE("app: exit codes for usage errors, failures and success")
{
    std::ostringstream out, err;
    cli::Invocation invocation{
        {{"HOME", "/nonexistent"}, {"MLRUN_IGNORE_ENV_FILE", "1"}}, out, err};
    CHECK(cli::run({"nosuch"}, commands::command_table(), invocation) == cli::exit_usage);
    CHECK(err.str().find("unknown command 'nosuch'") != std::string::npos);
    CHECK(cli::run({"config", "--no-such-flag"}, commands::command_table(), invocation) ==
          cli::exit_usage);
    CHECK(cli::run({"version", "--output", "xml"}, commands::command_table(), invocation) ==
          cli::exit_usage);
    CHECK(cli::run({"config", "get", "no.such.key"}, commands::command_table(), invocation) ==
          cli::exit_failure);
    CHECK(cli::run({"version"}, commands::command_table(), invocation) == cli::exit_success);
    CHECK(cli::run({}, commands::command_table(), invocation) == cli::exit_success);
    CHECK(cli::run({"--help"}, commands::command_table(), invocation) == cli::exit_success);
}
