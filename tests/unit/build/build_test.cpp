// The build plan (MLRun's builder rules), the Dockerfile, builder command lines, the context
// writer and the .tar.gz packer.

#include <doctest/doctest.h>

#include "lib/archive/extract.hpp"
#include "lib/build/builder.hpp"
#include "lib/build/context.hpp"
#include "lib/build/plan.hpp"
#include "lib/error.hpp"
#include "tests/support/temp_dir.hpp"

using mlrun::Error;
using mlrun::Json;
using namespace mlrun::build;

namespace {

mlrun::model::Function function_with(Json build, std::string image = "")
{
    mlrun::model::Function function;
    function.kind = "job";
    function.metadata.name = "trainer";
    function.metadata.project = "demo";
    function.spec.image = std::move(image);
    function.spec.build = std::move(build);
    return function;
}

BuildSettings settings()
{
    BuildSettings out;
    out.mlrun_version = "1.7.0";
    return out;
}

}  // namespace

TEST_CASE("build plan: base image, image name, requirements and MLRun's with_mlrun rules")
{
    auto plan = plan_build(function_with(Json::object()), settings());
    CHECK(plan.base_image == "mlrun/mlrun:1.7.0");          // the default, tagged with the version
    CHECK(plan.image == "mlrun/func-demo-trainer:latest");  // '.' without a registry: local
    CHECK_FALSE(plan.needs_build());
    // --with-mlrun and nothing else, on a base that already has mlrun: still built (MLRun
    // builds whenever mlrun is asked for), without installing it again.
    plan = plan_build(function_with(Json::object()), [] {
        auto s = settings();
        s.with_mlrun = true;
        return s;
    }());
    CHECK(plan.needs_build());
    CHECK(plan.requirements.empty());

    plan = plan_build(function_with({{"base_image", "python:3.11"},
                                     {"requirements", {"pandas  # data", "", "# c", "numpy"}},
                                     {"image", ".team/trainer:v2"}}),
                      [] {
                          auto s = settings();
                          s.with_mlrun = true;
                          s.docker_registry = "registry.example.com:5000";
                          return s;
                      }());
    CHECK(plan.base_image == "python:3.11");
    CHECK(plan.image == "registry.example.com:5000/team/trainer:v2");
    CHECK(plan.requirements ==
          std::vector<std::string>{"mlrun[complete]==1.7.0", "pandas", "numpy"});
    CHECK(plan.commands == std::vector<std::string>{"python -m pip install --upgrade pip~=23.0"});
    CHECK(plan.needs_build());

    // An MLRun base image already has MLRun; a command installing it is enough too.
    auto with = settings();
    with.with_mlrun = true;
    plan = plan_build(function_with(Json::object(), "mlrun/ml-models"), with);
    CHECK(plan.base_image == "mlrun/ml-models:1.7.0");
    CHECK(plan.requirements.empty());
    plan =
        plan_build(function_with({{"commands", {"pip install mlrun==1.6.0"}}}, "python:3.9"), with);
    CHECK(plan.requirements.empty());

    CHECK_THROWS_WITH_AS(plan_build(function_with({{"source", "s3"}}), settings()),
                         doctest::Contains("must be a compressed (tar.gz / zip) file"), Error);
    CHECK_THROWS_AS(
        plan_build(function_with({{"commands", "x"}, {"requirements", {1}}}), settings()), Error);
    CHECK(plan_build(function_with({{"source", "s3://bucket/code.tar.gz"}}), settings())
              .source.kind == SourceKind::remote);
    CHECK(plan_build(function_with({{"source", "git://github.com/org/repo.git#main"}}), settings())
              .source.kind == SourceKind::git);
    CHECK(plan_build(function_with({{"source", "./"}, {"load_source_on_run", true}}), settings())
              .source.kind == SourceKind::none);
    CHECK(resolve_image_name("repo/img:1", "reg") == "repo/img:1");
}

TEST_CASE("build plan: the Dockerfile sections in MLRun's order")
{
    auto function = function_with({{"commands", {"echo a"}},
                                   {"requirements", {"pandas"}},
                                   {"source", "."},
                                   {"extra", "USER 1000"},
                                   {"builder_env", {{"PIP_INDEX_URL", "http://mirror"}}},
                                   {"extra_args", "--build-arg A=1 --skip-tls-verify"}},
                                  "python:3.11");
    function.spec.env = Json::parse(R"([{"name": "X", "value": "a \"b\""}])");
    const auto plan = plan_build(function, settings());
    CHECK(plan.build_args ==
          std::map<std::string, std::string>{{"A", "1"}, {"PIP_INDEX_URL", "http://mirror"}});
    const auto text = render_dockerfile(plan);
    const auto at = [&](const std::string& piece) {
        const auto position = text.find(piece);
        INFO(piece << "\n" << text);
        CHECK(position != std::string::npos);
        return position;
    };
    CHECK(at("FROM python:3.11\n") < at("ARG A\nARG PIP_INDEX_URL\n"));
    CHECK(at("ARG PIP_INDEX_URL\n") < at("WORKDIR /mlrun\nCOPY source/ /mlrun/\n"));
    CHECK(at("COPY source/") < at("RUN echo a\n"));
    CHECK(at("RUN echo a\n") <
          at("RUN python -m pip install -r /tmp/mlrun-build/requirements.txt"));
    CHECK(at("ENV X=\"a \\\"b\\\"\"\n") < at("LABEL \"mlrun.function\"=\"trainer\" \\\n"));

    // spec.env as a name -> value mapping, as MLRun also loads it: the same ENV lines.
    function.spec.env = Json::parse(R"({"X": "a \"b\"", "N": 3})");
    const auto mapped = render_dockerfile(plan_build(function, settings()));
    INFO(mapped);
    CHECK(mapped.find("ENV X=\"a \\\"b\\\"\" \\\n    N=\"3\"\n") != std::string::npos);
    CHECK(text.ends_with("USER 1000\n"));
    CHECK(text.find("@") == std::string::npos);  // every placeholder filled
    CHECK_THROWS_AS(plan_build(function_with({{"extra_args", "--build-arg =bad"}}), settings()),
                    Error);
}

TEST_CASE("build context: written, packed and read back; builders' command lines")
{
    mlrun::test::TempDir dir;
    dir.write("code/pkg/a.py", "A = 1\n");
    dir.write("code/.git/config", "x\n");
    auto function = function_with({{"requirements", {"numpy"}}, {"source", "code"}});
    auto config = settings();
    config.context = dir.path();
    const auto plan = plan_build(function, config);
    const auto summary = write_context(plan, dir.path() / "ctx", {});
    CHECK(summary.files == 3);  // Dockerfile, requirements.txt, source/pkg/a.py
    CHECK(mlrun::test::read_text(dir.path() / "ctx/requirements.txt") == "numpy\n");
    CHECK_FALSE(std::filesystem::exists(dir.path() / "ctx/source/.git"));
    CHECK_THROWS_AS(write_context(plan, dir.path() / "ctx", {}), Error);  // not empty

    const auto entries = mlrun::archive::pack_tar_gz(dir.path() / "ctx", dir.path() / "ctx.tar.gz");
    CHECK(entries == 5);  // 3 files and the folders source/ and source/pkg/
    mlrun::archive::extract(dir.path() / "ctx.tar.gz", dir.path() / "back");
    CHECK(mlrun::test::read_text(dir.path() / "back/source/pkg/a.py") == "A = 1\n");
    CHECK(mlrun::test::read_text(dir.path() / "back/Dockerfile") == render_dockerfile(plan));

    auto remote = function_with({{"source", "v3io:///users/a/code.zip"}});
    CHECK_THROWS_WITH_AS(write_context(plan_build(remote, config), dir.path() / "r", {}),
                         doctest::Contains("read by an MLRun API's builder"), Error);

    const Builder buildah{"buildah", "/usr/bin/buildah"};
    CHECK(build_command(buildah, plan, "/ctx") ==
          std::vector<std::string>{"/usr/bin/buildah", "bud", "--layers", "-t", plan.image, "-f",
                                   "/ctx/Dockerfile", "/ctx"});
    CHECK(image_exists_command({"docker", "/usr/bin/docker"}, "img") ==
          std::vector<std::string>{"/usr/bin/docker", "image", "inspect", "img"});
    CHECK_FALSE(find_builder("", dir.path().string()).has_value());
    CHECK_THROWS_AS(find_builder("kaniko", "/usr/bin"), Error);
}
