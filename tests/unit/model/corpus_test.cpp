// Every YAML file of ../shared/corpus (real files from MLRun's repositories) loads through the
// model; the one empty file gets a clear error. Says so, and passes, when the corpus is absent.

#include <doctest/doctest.h>

#include <filesystem>
#include <iostream>
#include <map>

#include "lib/error.hpp"
#include "lib/model/document.hpp"
#include "lib/util/files.hpp"
#include "lib/yaml/yaml.hpp"

using namespace mlrun::model;

TEST_CASE("corpus: every project and function YAML loads through the model")
{
    const std::filesystem::path corpus{MLRUN_CORPUS_DIR};
    if (!std::filesystem::is_directory(corpus)) {
        MESSAGE("corpus not found at " << corpus.string() << ": corpus test skipped");
        return;
    }
    std::map<std::string, int> counts;
    std::vector<std::string> failures;
    int empty_files = 0;
    int total = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
        const auto extension = entry.path().extension();
        if (!entry.is_regular_file() || (extension != ".yaml" && extension != ".yml")) {
            continue;
        }
        ++total;
        const auto text = mlrun::util::read_file(entry.path());
        try {
            const auto document = parse_document(text, entry.path().string());
            ++counts[std::string{to_string(document.kind)}];
            // What we write back reads back to the same object.
            if (document.kind == DocumentKind::project) {
                const auto written = to_json(std::get<Project>(document.object));
                CHECK(to_json(project_from_json(
                          mlrun::yaml::parse(mlrun::yaml::dump(written), "w"))) == written);
            } else if (document.kind == DocumentKind::function) {
                const auto written = to_json(std::get<Function>(document.object));
                CHECK(to_json(function_from_json(
                          mlrun::yaml::parse(mlrun::yaml::dump(written), "w"))) == written);
            }
        } catch (const mlrun::Error& error) {
            const std::string message = error.what();
            if (text.find_first_not_of(" \t\r\n") == std::string::npos &&
                message.find("the file is empty") != std::string::npos) {
                ++empty_files;
                continue;
            }
            failures.push_back(message);
        }
    }
    for (const auto& failure : failures) {
        MESSAGE("failed: " << failure);
    }
    std::cout << "corpus: " << total << " YAML files: " << counts["project"] << " projects, "
              << counts["function"] << " functions, " << counts["hub item"] << " hub items, "
              << counts["artifact"] << " artifacts, " << counts["run"] << " runs, " << empty_files
              << " empty (clear error), " << failures.size() << " failed\n";
    CHECK(failures.empty());
    CHECK(total > 0);
    CHECK(counts["project"] + counts["function"] > 0);
}
