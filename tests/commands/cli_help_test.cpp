// Help and version as a person asks for them: `mlrun help [COMMAND]`, `mlrun --version`, and
// help text without the parser's artefacts.

#include <doctest/doctest.h>

#include <regex>

#include "tests/support/in_process.hpp"

using mlrun::test::InProcessMlrun;

TEST_CASE("help: 'mlrun help COMMAND' is 'mlrun COMMAND --help'; an unknown one is a usage error")
{
    InProcessMlrun mlrun;
    auto result = mlrun({"help", "runs", "show"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == mlrun({"runs", "show", "--help"}).out);
    CHECK(result.out.find("Usage: mlrun runs show") != std::string::npos);
    result = mlrun({"help"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("Run 'mlrun help COMMAND'") != std::string::npos);
    result = mlrun({"help", "rnu"});
    CHECK(result.exit_code == 2);
    CHECK(result.err == "error: unknown command 'rnu'\nhint: did you mean 'mlrun run'?\n");
}

TEST_CASE("help: 'mlrun --version' prints what 'mlrun version' prints")
{
    InProcessMlrun mlrun;
    const auto result = mlrun({"--version"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == mlrun({"version"}).out);
    CHECK(result.out.find("MLRun version") != std::string::npos);
}

TEST_CASE("help: option values are shown by name, without the checks' descriptions")
{
    InProcessMlrun mlrun;
    const auto result = mlrun({"--help-all"});
    CHECK(result.exit_code == 0);
    // e.g. `FORMAT:{table,json,yaml}`, `SECONDS:NONNEGATIVE`, `N:INT in [0 - 5]`
    const std::regex artefact{R"([A-Z_]+:[A-Z{\[(])"};
    std::smatch found;
    CHECK_MESSAGE(!std::regex_search(result.out, found, artefact), found.str());
    CHECK(result.out.find("--output FORMAT ") != std::string::npos);
    CHECK(result.out.find("{false}") == std::string::npos);
    CHECK(result.out.find("--save,--no-save ") != std::string::npos);
}
