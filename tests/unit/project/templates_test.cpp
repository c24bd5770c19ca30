// Every built-in template creates a project that loads and validates with no edits.

#include <doctest/doctest.h>

#include "lib/error.hpp"
#include "lib/model/document.hpp"
#include "lib/project/create.hpp"
#include "lib/project/templates.hpp"
#include "lib/project/validate.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mlrun;

TEST_CASE("templates: each creates a valid project")
{
    const auto templates = project::list_templates();
    REQUIRE(templates.size() >= 3);
    for (const auto& info : templates) {
        CAPTURE(info.name);
        CHECK_FALSE(info.description.empty());
        test::TempDir dir;
        project::CreateRequest request;
        request.name = "my-" + info.name;
        request.context = dir / "p";
        request.template_name = info.name;
        request.description = "Made: by a test";
        request.params = {{"alpha", 1}};
        const auto created = project::create_project(request);
        CHECK(created.file == dir / "p" / "project.yaml");
        const auto project = model::read_project(created.file);
        CHECK(project.metadata.name == "my-" + info.name);
        CHECK(project.spec.description == "Made: by a test");
        CHECK(project.spec.params["alpha"] == 1);
        CHECK(project::validate_file(created.file, dir / "p").empty());
        for (const auto& file : created.files) {
            const auto text = test::read_text(file);
            CHECK(text.find("@PROJECT_NAME@") == std::string::npos);
            CHECK(text.find("@DESCRIPTION@") == std::string::npos);
        }
        // A second create refuses to overwrite, and leaves the files as they were.
        CHECK_THROWS_AS(project::create_project(request), Error);
        request.overwrite = true;
        CHECK_NOTHROW(project::create_project(request));
    }
    CHECK(project::list_templates()[0].name == "empty");
}

TEST_CASE("templates: without a description the README does not repeat itself")
{
    test::TempDir dir;
    project::CreateRequest request;
    request.name = "plain";
    request.context = dir / "p";
    request.template_name = "python-job";
    project::create_project(request);
    const auto readme = test::read_text(dir / "p" / "README.md");
    CHECK(readme.starts_with("# plain\n\nAn MLRun project with two plain-Python job functions"));
}

TEST_CASE("templates: bad names and unknown templates are refused before writing")
{
    test::TempDir dir;
    project::CreateRequest request;
    request.name = "Not_Valid";
    request.context = dir / "p";
    CHECK_THROWS_AS(project::create_project(request), Error);
    request.name = "ok";
    request.template_name = "nope";
    CHECK_THROWS_AS(project::create_project(request), Error);
    CHECK_FALSE(std::filesystem::exists(dir / "p"));
}
