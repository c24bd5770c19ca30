// The global conventions, through the built binary: help, exit codes, version, completion.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/e2e/harness.hpp"

using mlrun::test::Mlrun;

TEST_CASE("e2e: help lists the commands and exits 0")
{
    Mlrun mlrun;
    for (const auto& args : std::vector<std::vector<std::string>>{{}, {"--help"}, {"-h"}}) {
        const auto result = mlrun(args);
        CHECK(result.exit_code == 0);
        CHECK(result.out.find("config") != std::string::npos);
        CHECK(result.out.find("version") != std::string::npos);
        CHECK(result.err.empty());
    }
    const auto result = mlrun({"config", "--help"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("--show-origin") != std::string::npos);
}

TEST_CASE("e2e: usage errors print a message and a hint on stderr and exit 2")
{
    Mlrun mlrun;
    auto result = mlrun({"frobnicate"});
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK(result.err ==
          "error: unknown command 'frobnicate'\nhint: see 'mlrun --help' for the commands\n");

    result = mlrun({"versoin"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("did you mean 'mlrun version'?") != std::string::npos);

    result = mlrun({"version", "--bogus"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("error: ") == 0);
    CHECK(result.err.find("--bogus") != std::string::npos);
    CHECK(result.err.find("hint: see 'mlrun version --help'") != std::string::npos);

    result = mlrun({"version", "--output", "xml"});
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
}

TEST_CASE("e2e: version, human and json, without reading any configuration")
{
    Mlrun mlrun;
    // A broken env file would fail any command that loads the configuration; version must not.
    mlrun.home().write(".mlrun.env", "this is not an env file\n");
    auto result = mlrun({"version"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.starts_with("MLRun version: {'version': '1.7.0', 'git_commit': '"));
    result = mlrun({"version", "--output", "json"});
    CHECK(result.exit_code == 0);
    const auto value = nlohmann::json::parse(result.out);
    CHECK(value["mlrun_version"] == "1.7.0");
    CHECK(value["api_version"] == "v1");
    CHECK(value["version"].is_string());
    CHECK(value["git_commit"].is_string());
    result = mlrun({"version", "--output", "yaml"});
    CHECK(result.out.find("mlrun_version: 1.7.0") != std::string::npos);
}

TEST_CASE("e2e: completion scripts and candidates")
{
    Mlrun mlrun;
    for (const char* shell : {"bash", "zsh", "fish"}) {
        const auto result = mlrun({"completion", shell});
        CHECK(result.exit_code == 0);
        CHECK(result.out.find("__complete") != std::string::npos);
    }
    CHECK(mlrun({"completion", "tcsh"}).exit_code == 2);
    CHECK(mlrun({"completion"}).exit_code == 2);
    auto result = mlrun({"__complete", "ver"});
    CHECK(result.out == "version\n");
    result = mlrun({"__complete", "config", "--show"});
    CHECK(result.out == "--show-origin\n");
}

TEST_CASE("e2e: bash completion works through a real bash")
{
    Mlrun mlrun;
    const auto script = mlrun({"completion", "bash"}).out;
    const auto path = mlrun.home().write("completion.bash", script);
    const auto bin_dir = std::filesystem::path{MLRUN_BIN}.parent_path().string();
    mlrun::test::ProcessOptions options;
    options.environment = {{"PATH", bin_dir + ":/usr/bin:/bin"},
                           {"HOME", mlrun.home().path().string()}};
    const auto result =
        mlrun::test::run_process({"/bin/bash", "-c",
                                  "source " + path.string() +
                                      "; COMP_WORDS=(mlrun config --sh); COMP_CWORD=2; _mlrun; "
                                      "printf '%s\\n' \"${COMPREPLY[@]}\""},
                                 options);
    CHECK(result.exit_code == 0);
    CHECK(result.out == "--show-origin\n");
}
