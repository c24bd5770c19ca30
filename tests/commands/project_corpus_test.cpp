// Every real project and function file of the corpus through `mlrun project show`/`validate`
// and `mlrun function show`, run in-process (hundreds of commands, no process boundary tested).

#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "lib/error.hpp"
#include "lib/model/document.hpp"
#include "tests/support/in_process.hpp"

using mlrun::test::InProcessMlrun;
using Json = nlohmann::json;

TEST_CASE("project: every corpus project shows and round-trips; validate finds only what "
          "is missing")
{
    const std::filesystem::path corpus{MLRUN_CORPUS_DIR};
    if (!std::filesystem::is_directory(corpus)) {
        MESSAGE("corpus not found: skipped");
        return;
    }
    InProcessMlrun mlrun;
    int projects = 0;
    int functions = 0;
    int index = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
        const auto extension = entry.path().extension();
        if (!entry.is_regular_file() || (extension != ".yaml" && extension != ".yml")) {
            continue;
        }
        mlrun::model::DocumentKind kind{};
        try {
            kind = mlrun::model::read_document(entry.path()).kind;
        } catch (const mlrun::Error&) {
            continue;  // the empty file: covered by the model's corpus test
        }
        const auto file = entry.path().string();
        CAPTURE(file);
        if (kind == mlrun::model::DocumentKind::function) {
            auto result = mlrun({"function", "show", file});
            CHECK(result.exit_code == 0);
            CHECK(result.out.find("kind:") != std::string::npos);
            result = mlrun({"function", "show", file, "--output", "json"});
            REQUIRE(result.exit_code == 0);
            CHECK(Json::parse(result.out).contains("spec"));
            ++functions;
            continue;
        }
        if (kind != mlrun::model::DocumentKind::project) {
            continue;
        }
        ++projects;
        const auto dir = mlrun.home() / ("p" + std::to_string(index++));
        std::filesystem::create_directories(dir);
        std::filesystem::copy_file(entry.path(), dir / "project.yaml");
        auto result = mlrun({"project", "show", dir.string(), "--output", "json"});
        REQUIRE(result.exit_code == 0);
        const auto shown = Json::parse(result.out);
        result = mlrun({"project", "show", dir.string()});
        REQUIRE(result.exit_code == 0);
        const auto again =
            mlrun.home().write("again" + std::to_string(index) + "/project.yaml", result.out);
        result = mlrun({"project", "show", again.string(), "--output", "json"});
        REQUIRE(result.exit_code == 0);
        CHECK(Json::parse(result.out) == shown);

        result = mlrun({"project", "validate", dir.string()});
        const auto name = entry.path().filename().string();
        std::istringstream lines{result.out};
        for (std::string line; std::getline(lines, line);) {
            if (line.ends_with(": ok")) {
                continue;
            }
            CAPTURE(line);
            // A lone copy misses the files it references; anything else must be a problem
            // MLRun 1.7 itself rejects (listed in the closing note of the projects issue).
            const bool missing = line.find("not found") != std::string::npos;
            const bool genuine =
                line.find("metadata.name is missing") != std::string::npos ||
                line.find("function entry has no name") != std::string::npos ||
                line.find("function 'call-center-ui' has no url") != std::string::npos;
            CHECK((missing || genuine));
        }
        CHECK(result.exit_code == (result.out.find(": ok\n") != std::string::npos ? 0 : 1));
    }
    CHECK(projects >= 40);
    CHECK(functions >= 80);
}
