// One reading of a function URL for run -f, build, deploy and function show; running embedded
// code from the file it came from.

#include <doctest/doctest.h>

#include "lib/error.hpp"
#include "lib/launcher/function_source.hpp"
#include "lib/project/function_url.hpp"
#include "lib/store/sqlite/sqlite_run_db.hpp"
#include "lib/util/base64.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mlrun;
using project::FunctionUrlForm;

namespace {

const std::string function_yaml = "kind: job\nmetadata:\n  name: trainer\nspec:\n"
                                  "  command: train.py\n  default_handler: train\n";

const std::string project_yaml = "kind: project\nmetadata:\n  name: proj\nspec:\n"
                                 "  default_image: mlrun/mlrun\n  workdir: src\n  functions:\n"
                                 "  - name: prep\n    url: prep.py\n    kind: job\n"
                                 "    handler: run\n"
                                 "  - name: packed\n    url: fns/packed.yml\n";

}  // namespace

TEST_CASE("function_url: each form is read one way")
{
    CHECK(project::function_url_form(".") == FunctionUrlForm::function_file);
    CHECK(project::function_url_form("fn.yaml") == FunctionUrlForm::function_file);
    CHECK(project::function_url_form("dir/fn.yml") == FunctionUrlForm::function_file);
    CHECK(project::function_url_form("db://proj/fn:v1") == FunctionUrlForm::url);
    CHECK(project::function_url_form("hub://describe") == FunctionUrlForm::url);
    CHECK(project::function_url_form("https://host/fn.yaml") == FunctionUrlForm::url);
    CHECK(project::function_url_form("train.py") == FunctionUrlForm::code_file);
    CHECK(project::function_url_form("trainer") == FunctionUrlForm::project_function);
}

TEST_CASE("function_url: files, project functions and the store")
{
    test::TempDir dir;
    dir.write("fn.yml", function_yaml);
    dir.write("function.yaml", function_yaml);
    dir.write("project.yaml", project_yaml);
    dir.write("src/prep.py", "def run(context):\n    pass\n");
    dir.write("src/fns/packed.yml", function_yaml);
    project::FunctionTools tools;

    auto resolved = project::resolve_function_url((dir / "fn.yml").string(), {}, tools);
    CHECK(resolved.function.metadata.name == "trainer");
    CHECK(resolved.code_base == dir.path());  // its command is next to it

    resolved = project::resolve_function_url(".", {.context = dir.path()}, tools);
    CHECK(resolved.function.spec.default_handler == "train");

    resolved = project::resolve_function_url("prep", {.context = dir.path()}, tools);
    CHECK(resolved.function.metadata.name == "prep");
    CHECK(resolved.function.metadata.project == "proj");
    CHECK(resolved.function.spec.image == "mlrun/mlrun");  // the project's default image
    CHECK(resolved.code_base == dir / "src");

    resolved = project::resolve_function_url("packed", {.context = dir.path()}, tools);
    CHECK(resolved.code_base == dir / "src/fns");

    CHECK_THROWS_WITH_AS(project::resolve_function_url("prepp", {.context = dir.path()}, tools),
                         doctest::Contains("function 'prepp' not found in project 'proj'"), Error);
    CHECK_THROWS_WITH_AS(project::resolve_function_url("x", {.context = dir / "src"}, tools),
                         doctest::Contains("no project.yaml"), Error);
    CHECK_THROWS_AS(project::resolve_function_url("missing.yml", {}, tools), Error);

    store::SqliteRunDB db{":memory:", store::sqlite::OpenMode::read_write};
    auto stored = resolved.function;
    stored.metadata.name = "kept";
    db.store_function(stored, "proj", "v1");
    tools.db = [&db] { return &db; };
    tools.default_project = "proj";
    resolved = project::resolve_function_url("db://kept:v1", {}, tools);
    CHECK(resolved.function.metadata.name == "kept");
}

TEST_CASE("function_source: embedded code runs from its unchanged origin file")
{
    test::TempDir dir;
    const std::string code = "import helpers\n";
    dir.write("train.py", code);
    model::Function function;
    function.metadata.name = "train";
    function.spec.build["functionSourceCode"] = util::base64_encode(code);
    function.spec.build["origin_filename"] = "train.py";

    auto source = launcher::function_source(function, dir.path());
    CHECK(source.code_file == dir / "train.py");  // sibling modules import as they do there
    CHECK(source.temp_file.empty());

    dir.write("train.py", "changed\n");
    source = launcher::function_source(function, dir.path());
    CHECK_FALSE(source.temp_file.empty());  // the embedded code is what runs
    CHECK(source.code_file == source.temp_file);
    std::filesystem::remove(source.temp_file);
}
