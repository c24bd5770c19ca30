// Writing project.yaml back: only when the content changed, and then only what changed.

#include <doctest/doctest.h>

#include "lib/model/document.hpp"
#include "lib/project/directory.hpp"
#include "lib/util/files.hpp"
#include "tests/support/temp_dir.hpp"

using mlrun::Json;
using mlrun::project::merge_project_document;
using mlrun::project::save_project;

namespace {

// Written by hand: list indentation, key order, quoting and empty lists the model drops.
const std::string hand_written = "kind: project\n"
                                 "metadata:\n"
                                 "  name: demo\n"
                                 "  created: '2024-03-01T10:00:00.000000'\n"
                                 "spec:\n"
                                 "  params:\n"
                                 "    lr: 0.1\n"
                                 "    label: \"x\"\n"
                                 "  functions:\n"
                                 "    - name: trainer\n"
                                 "      url: train.py\n"
                                 "      kind: job\n"
                                 "      handler: train\n"
                                 "  workflows: []\n"
                                 "  description: a demo\n";

}  // namespace

TEST_CASE("project file: an unchanged project is not rewritten, byte for byte")
{
    mlrun::test::TempDir dir;
    const auto file = dir.write("project.yaml", hand_written);
    const auto project = mlrun::model::read_project(file);
    CHECK_FALSE(save_project(project, file));
    CHECK(mlrun::util::read_file(file) == hand_written);
}

TEST_CASE("project file: a change keeps the order, keys and types of what did not change")
{
    mlrun::test::TempDir dir;
    const auto file = dir.write("project.yaml", hand_written);
    auto project = mlrun::model::read_project(file);
    project.spec.params["lr"] = 0.2;
    CHECK(save_project(project, file));
    const auto written = mlrun::util::read_file(file);
    // The quoted time stays a quoted string, the empty list stays, the order is the file's.
    CHECK(written.find("  created: '2024-03-01T10:00:00.000000'\n") != std::string::npos);
    CHECK(written.find("  workflows: []\n") != std::string::npos);
    CHECK(written.find("    lr: 0.2\n") != std::string::npos);
    CHECK(written.find("      url: train.py\n") > written.find("    - name: trainer\n"));
    CHECK(written.find("  description: a demo\n") > written.find("  workflows: []\n"));
    CHECK(written.find("desired_state") == std::string::npos);  // a model default, not a change
    CHECK(mlrun::model::to_json(mlrun::model::read_project(file)) ==
          mlrun::model::to_json(project));
}

TEST_CASE("project file: merging keeps original entries and applies additions and removals")
{
    const Json original = {{"a", 1}, {"list", Json::array()}, {"f", Json::array({{{"n", "x"}}})}};
    const Json before = {{"a", 1}, {"f", Json::array({{{"n", "x"}}})}, {"d", "default"}};
    const Json after = {
        {"f", Json::array({{{"n", "x"}}, {{"n", "y"}}})}, {"d", "default"}, {"new", true}};
    const auto merged = merge_project_document(original, before, after);
    CHECK(merged.dump() == R"({"list":[],"f":[{"n":"x"},{"n":"y"}],"new":true})");
}
