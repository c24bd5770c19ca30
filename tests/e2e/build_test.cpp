// `mlrun build` and `mlrun deploy` through the built binary: the Dockerfile and context of every
// corpus function with a build section, sources, a local build with a builder found on PATH
// (a stand-in script that records what it was asked), and builds and deployments through the
// contract API server, to ready and to error.

#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <unistd.h>

#include "lib/model/document.hpp"
#include "tests/e2e/api_server.hpp"
#include "tests/e2e/harness.hpp"

using mlrun::test::ApiServer;
using mlrun::test::Mlrun;
using mlrun::test::ProcessOptions;
using mlrun::test::read_text;
using Json = nlohmann::json;

namespace {

// The files of a .tar.gz, by name, read with Python's tarfile.
Json tar_contents(const std::filesystem::path& archive)
{
    ProcessOptions options;
    options.environment = {{"PATH", "/usr/bin:/bin"}};
    const auto result = mlrun::test::run_process(
        {"/usr/bin/python3", "-c",
         "import json, sys, tarfile\n"
         "t = tarfile.open(sys.argv[1])\n"
         "print(json.dumps({m.name: (t.extractfile(m).read().decode('utf-8', 'replace') "
         "if m.isfile() else m.type.decode()) for m in t.getmembers()}))",
         archive.string()},
        options);
    REQUIRE(result.exit_code == 0);
    return Json::parse(result.out);
}

std::vector<std::string> strings(const Json& value)
{
    std::vector<std::string> out;
    if (value.is_string()) {
        out.push_back(value.get<std::string>());
    } else if (value.is_array()) {
        for (const auto& item : value) {
            out.push_back(item.get<std::string>());
        }
    }
    return out;
}

// A stand-in for a container builder: records its arguments and the Dockerfile it was given,
// prints build-like output, exits with `code` (and 0 for `image inspect` when `image_exists`).
void fake_builder(const Mlrun& mlrun, const std::string& name, int code, bool image_exists = false)
{
    const auto log = (mlrun.home().path() / (name + ".log")).string();
    const auto script = mlrun.home().write(
        "bin/" + name, "#!/bin/sh\nPATH=/usr/bin:/bin\n"
                       "echo \"$@\" >> " +
                           log +
                           "\n"
                           "if [ \"$1\" = image ] || [ \"$1\" = inspect ]; then exit " +
                           (image_exists ? "0" : "1") +
                           "; fi\n"
                           "for last; do :; done\n"
                           "cp \"$last/Dockerfile\" " +
                           log +
                           ".Dockerfile\n"
                           "ls -R \"$last\" > " +
                           log +
                           ".files\n"
                           "echo \"STEP 1/2: FROM base\"\n"
                           "echo \"building in $last\" >&2\n"
                           "exit " +
                           std::to_string(code) + "\n");
    std::filesystem::permissions(script, std::filesystem::perms::owner_all);
}

const char* job_yaml = R"(kind: job
metadata:
  name: trainer
  project: builds
  labels:
    team: ml
spec:
  image: python:3.11-slim
  env:
  - name: MODE
    value: fast
  - name: TOKEN
    valueFrom: {secretKeyRef: {name: s, key: k}}
  build:
    commands:
    - apt-get update && apt-get install -y libgomp1
    requirements:
    - pandas==2.1.0   # the one we test with
    - ''
    - '# a comment'
    - scikit-learn
)";

}  // namespace

TEST_CASE("e2e build: the Dockerfile and context of every corpus function with a build section")
{
    const std::filesystem::path corpus{MLRUN_CORPUS_DIR};
    if (!std::filesystem::is_directory(corpus)) {
        MESSAGE("corpus not found: skipped");
        return;
    }
    Mlrun mlrun;
    std::size_t checked = 0, archived = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
        const auto path = entry.path();
        if (path.extension() != ".yaml" && path.extension() != ".yml") {
            continue;
        }
        mlrun::model::Document document;
        try {
            document = mlrun::model::read_document(path);
        } catch (const std::exception&) {
            continue;
        }
        if (document.kind != mlrun::model::DocumentKind::function) {
            continue;
        }
        const auto& function = std::get<mlrun::model::Function>(document.object);
        const auto& build = function.spec.build;
        const auto kind = function.effective_kind();
        if (!build.is_object() || kind == "remote" || kind == "nuclio" || kind == "serving" ||
            kind == "local" || kind.starts_with("nuclio") || build.contains("source")) {
            continue;
        }
        const auto commands = strings(build.value("commands", Json{}));
        const auto requirements = strings(build.value("requirements", Json{}));
        if (commands.empty() && requirements.empty() && !build.contains("base_image")) {
            continue;
        }
        INFO(path.string());
        auto result = mlrun({"build", path.string(), "--dry-run"});
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        const auto dockerfile = result.out;
        auto base = build.value("base_image", std::string{});
        if (base.empty()) {
            base = function.spec.image.empty() ? "mlrun/mlrun" : function.spec.image;
        }
        if (base.starts_with("mlrun/") && base.find(':') == std::string::npos) {
            base += ":1.7.0";  // MLRun's images get the targeted version
        }
        CHECK(dockerfile.find("\nFROM " + base + "\n") != std::string::npos);
        for (const auto& command : commands) {
            CHECK(dockerfile.find("\nRUN " + command + "\n") != std::string::npos);
        }
        bool any_requirement = false;
        for (const auto& requirement : requirements) {
            any_requirement =
                any_requirement || requirement.find_first_not_of(" ") != std::string::npos;
        }
        CHECK((dockerfile.find("pip install -r /tmp/mlrun-build/requirements.txt") !=
               std::string::npos) == any_requirement);
        ++checked;
        if (any_requirement && archived < 5) {
            const auto archive =
                mlrun.home().path() / ("ctx" + std::to_string(archived) + ".tar.gz");
            result = mlrun({"build", path.string(), "--archive", archive.string()});
            REQUIRE(result.exit_code == 0);
            const auto files = tar_contents(archive);
            CHECK(files["Dockerfile"] == dockerfile);
            const auto listed = files["requirements.txt"].get<std::string>();
            for (const auto& requirement : requirements) {
                const auto text = requirement.substr(0, requirement.find(" #"));
                if (text.find_first_not_of(" ") != std::string::npos && !text.starts_with("#")) {
                    CHECK(listed.find(text) != std::string::npos);
                }
            }
            ++archived;
        }
    }
    MESSAGE("corpus functions built (dry run): " << checked << ", contexts archived: " << archived);
    CHECK(checked >= 20);
    CHECK(archived == 5);
}

TEST_CASE("e2e build: requirements, commands, env, labels, --with-mlrun and sources")
{
    Mlrun mlrun;
    mlrun.home().write("fn.yaml", job_yaml);
    auto result = mlrun({"build", "fn.yaml", "--dry-run"});
    REQUIRE(result.exit_code == 0);
    const auto& dockerfile = result.out;
    CHECK(dockerfile.find("FROM python:3.11-slim\n") != std::string::npos);
    CHECK(dockerfile.find("RUN apt-get update && apt-get install -y libgomp1\n") !=
          std::string::npos);
    CHECK(dockerfile.find("ENV MODE=\"fast\"\n") != std::string::npos);
    CHECK(dockerfile.find("# env TOKEN comes from a secret") != std::string::npos);
    // One LABEL instruction, a label per line.
    CHECK(dockerfile.find("LABEL \"mlrun.function\"=\"trainer\" \\\n      \"mlrun.project\"="
                          "\"builds\" \\\n      \"team\"=\"ml\"\n") != std::string::npos);
    // Commands run before the requirements are installed, as MLRun's builder orders them.
    CHECK(dockerfile.find("RUN apt-get") < dockerfile.find("pip install -r"));
    CHECK(dockerfile.find("mlrun[complete]") == std::string::npos);

    // --with-mlrun pins the targeted MLRun version and upgrades pip first; -c replaces the
    // commands and -b the base image.
    result = mlrun({"build", "fn.yaml", "--with-mlrun", "-c", "echo one", "-c", "echo two", "-b",
                    "python:3.10", "--archive", "with.tar.gz"});
    REQUIRE(result.exit_code == 0);
    auto files = tar_contents(mlrun.home().path() / "with.tar.gz");
    CHECK(files["requirements.txt"] == "mlrun[complete]==1.7.0\npandas==2.1.0\nscikit-learn\n");
    const auto with = files["Dockerfile"].get<std::string>();
    CHECK(with.find("FROM python:3.10\n") != std::string::npos);
    CHECK(
        with.find("RUN echo one\nRUN echo two\nRUN python -m pip install --upgrade pip~=23.0\n") !=
        std::string::npos);
    CHECK(with.find("apt-get") == std::string::npos);

    // A folder source ('.' is the project context) goes under source/, minus .git.
    mlrun.home().write("proj/src/train.py", "def train(context):\n    pass\n");
    mlrun.home().write("proj/.git/HEAD", "ref: refs/heads/main\n");
    mlrun.home().write("proj/fn.yaml", std::string{job_yaml} + "    source: .\n");
    // ('.' is the folder mlrun runs in; -s names the folder here.)
    result = mlrun({"build", "proj/fn.yaml", "-s", (mlrun.home().path() / "proj").string(),
                    "--archive", "src.tar.gz"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    files = tar_contents(mlrun.home().path() / "src.tar.gz");
    CHECK(files.contains("source/src/train.py"));
    CHECK_FALSE(files.contains("source/.git/HEAD"));
    CHECK(files["Dockerfile"].get<std::string>().find(
              "WORKDIR /mlrun\nCOPY source/ /mlrun/\nENV PYTHONPATH=/mlrun\n") !=
          std::string::npos);

    // An archive source is extracted (safely) into source/.
    ProcessOptions options;
    options.environment = {{"PATH", "/usr/bin:/bin"}};
    options.working_directory = mlrun.home().path();
    REQUIRE(mlrun::test::run_process({"/usr/bin/tar", "-czf", "code.tar.gz", "-C", "proj", "src"},
                                     options)
                .exit_code == 0);
    result = mlrun({"build", "fn.yaml", "-s", "code.tar.gz", "--archive", "arch.tar.gz"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(tar_contents(mlrun.home().path() / "arch.tar.gz").contains("source/src/train.py"));

    // A git source is cloned at its reference, without .git.
    options.environment = {{"PATH", "/usr/bin:/bin"},   {"HOME", mlrun.home().path().string()},
                           {"GIT_AUTHOR_NAME", "t"},    {"GIT_AUTHOR_EMAIL", "t@example.com"},
                           {"GIT_COMMITTER_NAME", "t"}, {"GIT_COMMITTER_EMAIL", "t@example.com"}};
    for (const std::vector<std::string>& argv :
         {std::vector<std::string>{"/usr/bin/git", "init", "-q", "-b", "main", "proj"},
          {"/usr/bin/git", "-C", "proj", "add", "src"},
          {"/usr/bin/git", "-C", "proj", "commit", "-qm", "one"},
          {"/usr/bin/git", "-C", "proj", "branch", "stable"},
          {"/usr/bin/git", "clone", "-q", "--bare", "proj", "repo.git"}}) {
        const auto git = mlrun::test::run_process(argv, options);
        INFO(argv[3] << ": " << git.err);
        REQUIRE(git.exit_code == 0);
    }
    const auto repository = "file://" + (mlrun.home().path() / "repo.git").string();
    result = mlrun({"build", "fn.yaml", "-s", repository + "#stable", "--archive", "git.tar.gz"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    files = tar_contents(mlrun.home().path() / "git.tar.gz");
    CHECK(files["source/src/train.py"] == "def train(context):\n    pass\n");
    CHECK_FALSE(files.contains("source/.git"));
    result =
        mlrun({"build", "fn.yaml", "-s", repository + "#nosuchbranch", "--archive", "x.tar.gz"});
    CHECK(result.exit_code != 0);
    CHECK_FALSE(std::filesystem::exists(mlrun.home().path() / "x.tar.gz"));

    // An archive at an http(s) URL is downloaded, then extracted.
    {
        mlrun::test::TempDir served;
        std::filesystem::copy_file(mlrun.home().path() / "code.tar.gz",
                                   served.path() / "code.tar.gz");
        ApiServer server{{"--files-root", served.path().string()}};
        result = mlrun({"build", "fn.yaml", "-s", server.url() + "/_files/code.tar.gz", "--archive",
                        "http.tar.gz"});
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        CHECK(tar_contents(mlrun.home().path() / "http.tar.gz")["source/src/train.py"] ==
              "def train(context):\n    pass\n");
        result = mlrun({"build", "fn.yaml", "-s", server.url() + "/_files/none.tar.gz", "--archive",
                        "none.tar.gz"});
        CHECK(result.exit_code == 1);
        CHECK_FALSE(std::filesystem::exists(mlrun.home().path() / "none.tar.gz"));
    }

    // A .py source is embedded in the function, not copied into the image.
    result = mlrun({"build", "fn.yaml", "-s", "proj/src/train.py", "--dry-run"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("COPY source/") == std::string::npos);

    // Bad input: a missing .py source, a source of no known form, a local kind, no function.
    result = mlrun({"build", "fn.yaml", "-s", "missing.py", "--dry-run"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("Source file doesnt exist (missing.py)") != std::string::npos);
    result = mlrun({"build", "fn.yaml", "-s", "nowhere/at/all", "--dry-run"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("must be a compressed (tar.gz / zip) file, a git repo") !=
          std::string::npos);
    mlrun.home().write("local.yaml", "kind: local\nmetadata:\n  name: here\n");
    result = mlrun({"build", "local.yaml", "--dry-run"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("Function does not have a deploy() method") != std::string::npos);
    result = mlrun({"build"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("Function path or url are required") != std::string::npos);
    result = mlrun({"build", "-r", "[1, 2]"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("runtime parameter must be a dict") != std::string::npos);
    // --runtime: a function as a dict literal, kind job by default.
    result = mlrun({"build", "-r",
                    "{'metadata': {'name': 'inline'}, 'spec': {'build': "
                    "{'commands': ['echo hi']}}}",
                    "--dry-run"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("RUN echo hi") != std::string::npos);
}

TEST_CASE("e2e build: a local build with the builder found on PATH, recorded in the store")
{
    Mlrun mlrun;
    mlrun.home().write("fn.yaml", job_yaml);
    const auto bin = (mlrun.home().path() / "bin").string();
    mlrun.set_env("PATH", bin);  // only the stand-ins: a real podman may be installed
    std::filesystem::create_directories(bin);

    // No builder: a clear error naming what to install; --archive still works.
    auto result = mlrun({"build", "fn.yaml"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("no image builder found on PATH (podman, buildah or docker)") !=
          std::string::npos);
    CHECK(result.err.find("apt-get install podman") != std::string::npos);

    fake_builder(mlrun, "docker", 0);
    result = mlrun({"build", "fn.yaml", "--tag", "v1"});
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("STEP 1/2: FROM base") != std::string::npos);  // streamed
    CHECK(result.out.find("Function built, state=ready image=mlrun/func-builds-trainer:v1") !=
          std::string::npos);
    const auto args = read_text(mlrun.home().path() / "docker.log");
    CHECK(args.starts_with("build -t mlrun/func-builds-trainer:v1 -f "));
    CHECK(read_text(mlrun.home().path() / "docker.log.Dockerfile").find("FROM python:3.11-slim") !=
          std::string::npos);
    CHECK(read_text(mlrun.home().path() / "docker.log.files").find("requirements.txt") !=
          std::string::npos);
    // The context was a temporary folder, removed afterwards.
    const auto context = args.substr(args.rfind(' ') + 1);
    CHECK_FALSE(std::filesystem::exists(context.substr(0, context.find('\n'))));
    // Recorded: the function with its image and state.
    result = mlrun({"get", "functions", "trainer", "-p", "builds", "-t", "v1", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    const auto stored = Json::parse(result.out);
    CHECK(stored["spec"]["image"] == "mlrun/func-builds-trainer:v1");
    CHECK(stored["status"]["state"] == "ready");

    // --skip: the builder says the image exists, so nothing is built.
    fake_builder(mlrun, "docker", 0, true);
    result = mlrun({"build", "fn.yaml", "--tag", "v1", "--skip"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("Function already built (--skip)") != std::string::npos);

    // A failing build: exit 1, the state recorded as error.
    fake_builder(mlrun, "docker", 3);
    result = mlrun({"build", "fn.yaml", "--silent"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("build error: docker exited with 3") != std::string::npos);
    CHECK(result.out.find("STEP 1/2") == std::string::npos);  // --silent
    CHECK(result.err.find("its last output") != std::string::npos);

    // podman is preferred when installed; --builder picks one, and says when it is missing.
    fake_builder(mlrun, "podman", 0);
    result = mlrun({"build", "fn.yaml"});
    REQUIRE(result.exit_code == 0);
    CHECK(std::filesystem::exists(mlrun.home().path() / "podman.log"));
    result = mlrun({"build", "fn.yaml", "--builder", "buildah"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("buildah is not installed") != std::string::npos);
    result = mlrun({"build", "fn.yaml", "--builder", "kaniko"});
    CHECK(result.exit_code == 2);

    // Nothing to build: the base image is the function's image.
    mlrun.home().write("plain.yaml", "kind: job\nmetadata:\n  name: plain\nspec:\n  image: "
                                     "python:3.11\n");
    result = mlrun({"build", "plain.yaml"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("Function built, state=ready image=python:3.11") != std::string::npos);
}

TEST_CASE("e2e build: a real image built with podman, FROM scratch (no network needed)")
{
    // podman comes with `scripts/deps.sh --with-tests`; a machine where podman itself cannot
    // build (no storage driver...) is told apart from a failure of ours by a direct build first.
    if (!std::filesystem::exists("/usr/bin/podman")) {
        MESSAGE("podman not installed: skipped (scripts/deps.sh --with-tests installs it)");
        return;
    }
    Mlrun mlrun;
    ProcessOptions options;
    options.environment = {{"PATH", "/usr/bin:/bin"}, {"HOME", mlrun.home().path().string()}};
    options.timeout = std::chrono::seconds(180);
    mlrun.home().write("probe/Dockerfile", "FROM scratch\nLABEL probe=1\n");
    const auto probe = mlrun::test::run_process({"/usr/bin/podman", "build", "-q", "-t",
                                                 "localhost/mlrun-e2e-probe:1",
                                                 (mlrun.home().path() / "probe").string()},
                                                options);
    if (probe.exit_code != 0) {
        MESSAGE("podman cannot build on this machine: skipped: " << probe.err);
        return;
    }
    const std::string image = "localhost/mlrun-e2e/scratchy:" + std::to_string(::getpid());
    mlrun.home().write("proj/src/app.py", "print('hi')\n");
    mlrun.home().write("proj/fn.yaml", "kind: job\nmetadata:\n  name: scratchy\n  project: e2e\n"
                                       "  labels:\n    team: ml\nspec:\n  env:\n  - name: MODE\n"
                                       "    value: fast\n  build:\n    base_image: scratch\n"
                                       "    source: " +
                                           (mlrun.home().path() / "proj/src").string() + "\n");
    mlrun.set_timeout(std::chrono::seconds(180));  // podman on a loaded machine is slow
    auto result = mlrun({"build", "proj/fn.yaml", "--builder", "podman", "-i", image});
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("COMMIT " + image) != std::string::npos);
    CHECK(result.out.find("Function built, state=ready image=" + image) != std::string::npos);

    // The image has what the function said: labels, env, the source on PYTHONPATH.
    result = mlrun::test::run_process(
        {"/usr/bin/podman", "image", "inspect", image, "--format",
         "{{json .Config.Labels}} {{json .Config.Env}} {{.Config.WorkingDir}}"},
        options);
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find(R"("mlrun.function":"scratchy")") != std::string::npos);
    CHECK(result.out.find(R"("team":"ml")") != std::string::npos);
    CHECK(result.out.find("MODE=fast") != std::string::npos);
    CHECK(result.out.find("PYTHONPATH=/mlrun") != std::string::npos);
    CHECK(result.out.find(" /mlrun") != std::string::npos);
    result = mlrun::test::run_process({"/usr/bin/podman", "create", image, "none"}, options);
    REQUIRE(result.exit_code == 0);
    const auto container = result.out.substr(0, result.out.find('\n'));
    result = mlrun::test::run_process(
        {"/bin/sh", "-c", "/usr/bin/podman export " + container + " | tar -t"}, options);
    CHECK(result.out.find("mlrun/app.py") != std::string::npos);
    mlrun::test::run_process({"/usr/bin/podman", "rm", container}, options);

    // --skip finds it.
    result = mlrun({"build", "proj/fn.yaml", "--builder", "podman", "-i", image, "--skip"});
    CHECK(result.exit_code == 0);
    CHECK(result.out.find("Function already built (--skip)") != std::string::npos);
    mlrun::test::run_process({"/usr/bin/podman", "rmi", "-f", image, "localhost/mlrun-e2e-probe:1"},
                             options);
}

TEST_CASE("e2e build and deploy through the MLRun API: to ready and to error")
{
    ApiServer server;
    Mlrun mlrun;
    connect(mlrun, server);
    mlrun.home().write("fn.yaml", job_yaml);
    auto result = mlrun({"build", "fn.yaml"});
    CHECK(result.exit_code == 1);  // the project does not exist on the server
    CHECK(result.err.find("Project builds does not exist") != std::string::npos);

    result = mlrun({"build", "fn.yaml", "--ensure-project", "--kfp", "--image-file-path", "img",
                    "--state-file-path", "state", "--full-image-file-path", "full"});
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("build step 1 of 3") != std::string::npos);  // the builder's log
    CHECK(result.out.find("Function built, state=ready image=.mlrun/func-builds-trainer:latest") !=
          std::string::npos);
    CHECK(read_text(mlrun.home().path() / "state") == "ready");
    CHECK(read_text(mlrun.home().path() / "img") == ".mlrun/func-builds-trainer:latest");
    const auto builds = server.requests("POST", "/api/v1/build/function");
    REQUIRE(builds.size() == 2);
    const auto body = Json::parse(builds[1]["body"].get<std::string>());
    CHECK(body["with_mlrun"] == "no");
    CHECK(body["skip_deployed"] == false);
    CHECK(body["function"]["spec"]["build"]["commands"][0] ==
          "apt-get update && apt-get install -y libgomp1");
    const auto polls = server.requests("GET", "/api/v1/build/status");
    REQUIRE(polls.size() >= 2);
    CHECK(polls[0]["query"].dump().find(R"(["offset","0"])") != std::string::npos);
    CHECK(polls.back()["query"].dump().find(R"(["offset","0"])") == std::string::npos);

    // A failing build: its log, then exit 1; --silent hides the log.
    result = mlrun({"build", "fn.yaml", "-c", "exit 1"});
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("error building image") != std::string::npos);
    CHECK(result.err.find("build error: the build of trainer ended error") != std::string::npos);
    result = mlrun({"build", "fn.yaml", "-c", "exit 1", "--silent"});
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("build step") == std::string::npos);

    // Nothing to build (and --skip on a built function): ready at once.
    mlrun.home().write("plain.yaml", "kind: job\nmetadata:\n  name: plain\n  project: builds\n"
                                     "spec:\n  image: python:3.11\n");
    result = mlrun({"build", "plain.yaml", "--skip"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("Function built, state=ready image=python:3.11") != std::string::npos);

    // --local builds here even with an API configured.
    result = mlrun({"build", "fn.yaml", "--local"}, {{"PATH", "/nonexistent"}});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("no image builder found") != std::string::npos);

    // Deploy: a serving function with a model, followed to ready.
    mlrun.home().write("serve.yaml", "kind: serving\nmetadata:\n  name: server\n  project: "
                                     "builds\nspec:\n  image: mlrun/mlrun\n");
    result = mlrun({"deploy", "-f", "serve.yaml", "-m",
                    R"({"key": "m1", "model_path": "store://models/builds/m1", "class_name": "C"})",
                    "-e", "MODE=prod"});
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("Deploying V2 model server") != std::string::npos);
    CHECK(result.out.find("(info) Deploying function: step 1 of 3") != std::string::npos);
    CHECK(result.out.find("Function deployed, address=builds-server.default-tenant.svc:8080") !=
          std::string::npos);
    const auto deploys = server.requests("POST", "/api/v1/projects/builds/nuclio/server/deploy");
    REQUIRE(deploys.size() == 1);
    const auto deployed = Json::parse(deploys[0]["body"].get<std::string>())["function"];
    CHECK(deployed["spec"]["graph"]["routes"]["m1"]["class_args"]["model_path"] ==
          "store://models/builds/m1");
    CHECK(deployed["spec"]["env"][0] == Json{{"name", "MODE"}, {"value", "prod"}});
    // Logs are asked for from the last timestamp seen.
    const auto status_polls =
        server.requests("GET", "/api/v1/projects/builds/nuclio/server/deploy");
    REQUIRE(status_polls.size() >= 2);
    CHECK(status_polls[0]["query"].dump().find(R"(["last_log_timestamp","0.000000"])") !=
          std::string::npos);
    CHECK(status_polls.back()["query"].dump().find(R"(["last_log_timestamp","0.000000"])") ==
          std::string::npos);

    // A failing deployment, a job given to deploy, and deploy without an API.
    mlrun.home().write("bad.yaml", "kind: remote\nmetadata:\n  name: bad\n  project: builds\n"
                                   "spec:\n  build:\n    commands: ['exit 1']\n");
    result = mlrun({"deploy", "-f", "bad.yaml"});
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("(error) Failed to deploy") != std::string::npos);
    CHECK(result.err.find("deploy error: function bad ended error") != std::string::npos);
    result = mlrun({"deploy", "-f", "fn.yaml"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("deploy is for Nuclio functions") != std::string::npos);
    result = mlrun({"deploy", "-f", "serve.yaml"}, {{"MLRUN_DBPATH", ""}});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("needs an MLRun service") != std::string::npos);
}
