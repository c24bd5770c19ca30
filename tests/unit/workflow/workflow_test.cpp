// Workflow arguments (args, args_schema defaults, required, type, choices) and workflow files.

#include <doctest/doctest.h>

#include "lib/error.hpp"
#include "lib/workflow/arguments.hpp"
#include "lib/workflow/local_engine.hpp"
#include "tests/support/temp_dir.hpp"

using mlrun::Error;
using mlrun::Json;
using mlrun::model::WorkflowEntry;
using mlrun::workflow::merge_arguments;

namespace {

WorkflowEntry with_schema(Json schema, Json args = Json::object())
{
    WorkflowEntry entry;
    entry.name = "main";
    entry.args = std::move(args);
    entry.args_schema = std::move(schema);
    return entry;
}

std::string error_of(const WorkflowEntry& entry, const Json& given)
{
    try {
        merge_arguments(entry, given);
    } catch (const Error& error) {
        CHECK(error.kind() == mlrun::ErrorKind::usage);
        return error.what();
    }
    return "";
}

}  // namespace

TEST_CASE("workflow arguments: args, then schema defaults, then the caller's values")
{
    const auto entry = with_schema(Json::parse(R"([{"name": "rows", "type": "int", "default": 100},
                        {"name": "label", "default": "x"}, {"name": "seed", "type": "int"}])"),
                                   Json{{"label", "from-args"}, {"extra", true}});
    CHECK(merge_arguments(entry, Json::object()) ==
          Json{{"label", "from-args"}, {"extra", true}, {"rows", 100}});
    CHECK(merge_arguments(entry, Json{{"rows", 5}, {"seed", 1}}) ==
          Json{{"label", "from-args"}, {"extra", true}, {"rows", 5}, {"seed", 1}});
    // A quoted number in YAML still counts as the schema's type.
    CHECK(merge_arguments(with_schema(Json::parse(R"([{"name": "n", "type": "float"}])")),
                          Json{{"n", "2.5"}}) == Json{{"n", 2.5}});
    CHECK(merge_arguments(with_schema(Json::parse(R"([{"name": "b", "type": "bool"}])")),
                          Json{{"b", "True"}}) == Json{{"b", true}});
    // No schema: anything goes.
    CHECK(merge_arguments(WorkflowEntry{}, Json{{"a", 1}}) == Json{{"a", 1}});
}

TEST_CASE("workflow arguments: required, type and choices are enforced with MLRun's words")
{
    const auto entry = with_schema(Json::parse(R"([
        {"name": "a", "required": true}, {"name": "b", "required": true, "type": "int"},
        {"name": "mode", "choices": ["fast", "slow"], "default": "fast"}])"));
    CHECK(error_of(entry, Json::object()) ==
          "Workflow argument(s) a,b are required and were not specified");
    CHECK(error_of(entry, Json{{"a", 1}}) ==
          "Workflow argument(s) b are required and were not specified");
    CHECK(error_of(entry, Json{{"a", 1}, {"b", "x"}}) ==
          "workflow argument b=\"x\" is not of type int");
    CHECK(error_of(entry, Json{{"a", 1}, {"b", 2}, {"mode", "medium"}}) ==
          "workflow argument mode=\"medium\" is not one of [\"fast\",\"slow\"]");
    CHECK(merge_arguments(entry, Json{{"a", 1}, {"b", 2}}) ==
          Json{{"mode", "fast"}, {"a", 1}, {"b", 2}});
}

TEST_CASE("workflow files: relative paths as MLRun strips them, embedded code, refusals")
{
    mlrun::test::TempDir dir;
    dir.write("src/flow.py", "def pipeline():\n    pass\n");
    WorkflowEntry entry;
    entry.name = "main";
    entry.path = "./src/flow.py";
    CHECK(mlrun::workflow::workflow_file(entry, dir.path()).path() ==
          (dir.path() / "src/flow.py").lexically_normal());

    entry.path = "src/none.py";
    CHECK_THROWS_WITH_AS(mlrun::workflow::workflow_file(entry, dir.path()),
                         doctest::Contains("does not exist"), Error);
    entry.path = "https://example.com/flow.py";
    CHECK_THROWS_AS(mlrun::workflow::workflow_file(entry, dir.path()), Error);
    entry.path.clear();
    CHECK_THROWS_WITH_AS(mlrun::workflow::workflow_file(entry, dir.path()),
                         doctest::Contains("neither a path nor code"), Error);

    entry.code = "def pipeline():\n    return 1\n";
    std::filesystem::path written;
    {
        const auto file = mlrun::workflow::workflow_file(entry, dir.path());
        written = file.path();
        CHECK(mlrun::test::read_text(written) == entry.code);
    }
    CHECK(!std::filesystem::exists(written));  // removed with its owner
}
