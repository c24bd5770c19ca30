// `mlrun project` and `mlrun function` through the built binary: templates, the corpus, git
// and archive sources (and hostile ones), editing, the store side and the real tool's form.

#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "lib/error.hpp"
#include "lib/model/document.hpp"
#include "tests/e2e/harness.hpp"

using mlrun::test::Mlrun;
using mlrun::test::ProcessOptions;
using mlrun::test::ProcessResult;
using mlrun::test::read_text;
using Json = nlohmann::json;

namespace {

// Runs a helper program (git, python3) in `directory`; the test fails when it does.
ProcessResult tool(const std::vector<std::string>& argv, const std::filesystem::path& directory)
{
    ProcessOptions options;
    options.environment = {{"PATH", "/usr/local/bin:/usr/bin:/bin"},
                           {"HOME", directory.string()},
                           {"GIT_AUTHOR_NAME", "t"},
                           {"GIT_AUTHOR_EMAIL", "t@example.com"},
                           {"GIT_COMMITTER_NAME", "t"},
                           {"GIT_COMMITTER_EMAIL", "t@example.com"}};
    options.working_directory = directory;
    auto result = mlrun::test::run_process(argv, options);
    INFO(argv[0] << " " << (argv.size() > 1 ? argv[1] : "") << ": " << result.err);
    REQUIRE(result.exit_code == 0);
    return result;
}

std::string trim(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.pop_back();
    }
    return text;
}

// Every regular file under `root`, relative to it.
std::set<std::string> files_under(const std::filesystem::path& root)
{
    std::set<std::string> files;
    if (!std::filesystem::exists(root)) {
        return files;
    }
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        files.insert(entry.path().lexically_relative(root).string());
    }
    return files;
}

}  // namespace

TEST_CASE("e2e project: create from every template, validate, show, run, list")
{
    Mlrun mlrun;
    auto result = mlrun({"project", "create", "--list-templates", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    const auto templates = Json::parse(result.out)["templates"];
    REQUIRE(templates.size() >= 3);
    for (const auto& info : templates) {
        const auto name = info["name"].get<std::string>();
        CAPTURE(name);
        result = mlrun({"project", "create", "t-" + name, "--template", name, "-x", "k=5"});
        REQUIRE(result.exit_code == 0);
        CHECK(result.out.find("Created project t-" + name) != std::string::npos);
        result = mlrun({"project", "validate", "t-" + name});
        CHECK(result.exit_code == 0);
        CHECK(result.out == "t-" + name + "/project.yaml: ok\n");
        result = mlrun({"project", "show", "t-" + name, "--output", "json"});
        REQUIRE(result.exit_code == 0);
        CHECK(Json::parse(result.out)["spec"]["params"]["k"] == 5);
    }
    result = mlrun({"project", "list", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    CHECK(Json::parse(result.out)["projects"].size() == templates.size());

    // The python-job template runs with no edits: data-prep, then the trainer on its output.
    const auto context = mlrun.home() / "t-python-job";
    result = mlrun(
        {"run", "-f", "data-prep", "--local", "--context", context.string(), "-p", "rows=40"});
    REQUIRE(result.exit_code == 0);
    result = mlrun({"get", "artifacts", "-p", "t-python-job", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    const auto artifacts = Json::parse(result.out)["artifacts"];
    REQUIRE(artifacts.size() == 1);
    const auto dataset = artifacts[0]["spec"]["target_path"].get<std::string>();
    result = mlrun({"run", "-f", "trainer", "--local", "--context", context.string(), "-i",
                    "dataset=" + dataset});
    REQUIRE(result.exit_code == 0);
    result = mlrun({"get", "runs", "-p", "t-python-job", "--output", "json"});
    const auto runs = Json::parse(result.out)["runs"];
    REQUIRE(runs.size() == 2);
    CHECK(runs[0]["status"]["results"].contains("accuracy"));

    // Refusals: existing project, bad name, unknown template; nothing written.
    result = mlrun({"project", "create", "t-empty"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("already exists") != std::string::npos);
    result = mlrun({"project", "create", "Bad_Name"});
    CHECK(result.exit_code == 2);
    CHECK_FALSE(std::filesystem::exists(mlrun.home() / "Bad_Name"));
    result = mlrun({"project", "create", "x", "--template", "nope"});
    CHECK(result.exit_code == 2);  // a usage error: the name given is not one of the list
    CHECK(result.err.find("there are: empty") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(mlrun.home() / "x"));
}

TEST_CASE("e2e project: loading a project leaves its git tree clean")
{
    Mlrun mlrun;
    const auto home = mlrun.home().path();
    const std::string text = "kind: project\nmetadata:\n  name: clean\n"
                             "  created: '2024-03-01T10:00:00.000000'\nspec:\n"
                             "  params:\n    lr: 0.1\n  functions:\n    - name: f\n"
                             "      url: f.py\n      handler: h\n  workflows: []\n";
    mlrun.home().write("work/project.yaml", text);
    mlrun.home().write("work/f.py", "def h(context):\n    pass\n");
    tool({"/usr/bin/git", "init", "-q", "-b", "main", "work"}, home);
    tool({"/usr/bin/git", "add", "."}, home / "work");
    tool({"/usr/bin/git", "commit", "-qm", "one"}, home / "work");
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"project", "work"},
          std::vector<std::string>{"project", "load", "work"},
          std::vector<std::string>{"project", "set-param", "lr=0.1", "--context", "work"}}) {
        const auto result = mlrun(args);
        CAPTURE(result.err);
        CHECK(result.exit_code == 0);
        CHECK(tool({"/usr/bin/git", "status", "--porcelain"}, home / "work").out.empty());
    }
    CHECK(read_text(home / "work" / "project.yaml") == text);
}

TEST_CASE("e2e project: load from a bare git repository at a branch, a tag and a sha")
{
    Mlrun mlrun;
    const auto home = mlrun.home().path();
    mlrun.home().write("work/project.yaml",
                       "kind: project\nmetadata:\n  name: gitproj\nspec:\n  functions:\n  - name: "
                       "f\n    url: f.py\n    handler: h\n");
    mlrun.home().write("work/f.py", "def h(context):\n    pass\n");
    tool({"/usr/bin/git", "init", "-q", "-b", "main", "work"}, home);
    tool({"/usr/bin/git", "add", "."}, home / "work");
    tool({"/usr/bin/git", "commit", "-qm", "one"}, home / "work");
    tool({"/usr/bin/git", "tag", "v1"}, home / "work");
    const auto first = trim(tool({"/usr/bin/git", "rev-parse", "HEAD"}, home / "work").out);
    mlrun.home().write("work/f.py", "def h(context):\n    return 2\n");
    tool({"/usr/bin/git", "commit", "-qam", "two"}, home / "work");
    tool({"/usr/bin/git", "branch", "feature"}, home / "work");
    const auto second = trim(tool({"/usr/bin/git", "rev-parse", "HEAD"}, home / "work").out);
    tool({"/usr/bin/git", "clone", "-q", "--bare", "work", "repo.git"}, home);
    const auto url = "file://" + (home / "repo.git").string();

    struct Case
    {
        std::string fragment;
        std::string commit;
        std::string recorded;
    };
    for (const auto& [fragment, commit, recorded] :
         std::vector<Case>{{"", second, "#refs/heads/main"},
                           {"#feature", second, "#refs/heads/feature"},
                           {"#refs/heads/main", second, "#refs/heads/main"},
                           {"#refs/tags/v1", first, "#refs/tags/v1"},
                           {"#" + first, first, "#" + first}}) {
        CAPTURE(fragment);
        const auto context = "c" + std::to_string(fragment.size());
        auto result =
            mlrun({"project", "load", url + fragment, "--context", context, "--output", "json"});
        REQUIRE(result.exit_code == 0);
        const auto summary = Json::parse(result.out);
        CHECK(summary["commit"] == commit);
        CHECK(summary["project_source"] == url + recorded);
        const auto saved = read_text(home / context / "project.yaml");
        CHECK(saved.find("source: " + url + recorded) != std::string::npos);
        // Loading the saved checkout again is not "dirty": saving only rewrote project.yaml.
        result = mlrun({"project", context, "--no-save"});
        CHECK(result.exit_code == 0);
    }
    // Unknown reference: error, and the context it created is gone.
    auto result = mlrun({"project", "load", url + "#nope", "--context", "bad"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("'nope' not found") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(home / "bad"));
    // A non-empty context needs --clone.
    result = mlrun({"project", "load", url, "--context", "c0"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("not empty") != std::string::npos);
    result = mlrun({"project", "load", url, "--context", "c0", "--clone"});
    CHECK(result.exit_code == 0);
    // Uncommitted changes are refused without --dirty.
    mlrun.home().write("c0/f.py", "changed = True\n");
    result = mlrun({"project", "c0"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("uncommitted git changes") != std::string::npos);
    result = mlrun({"project", "c0", "--dirty"});
    CHECK(result.exit_code == 0);
    // Credentials in the URL are never printed or stored.
    result =
        mlrun({"project", "load", "file://user:s3cret@/nonexistent/repo.git", "--context", "cred"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("s3cret") == std::string::npos);
}

TEST_CASE("e2e project: a clone with a link leaving the folder is refused and removed")
{
    Mlrun mlrun;
    const auto home = mlrun.home().path();
    mlrun.home().write("evil/project.yaml", "kind: project\nmetadata:\n  name: evil\n");
    std::filesystem::create_directory_symlink("/etc", home / "evil" / "etc");
    tool({"/usr/bin/git", "init", "-q", "-b", "main", "evil"}, home);
    tool({"/usr/bin/git", "add", "."}, home / "evil");
    tool({"/usr/bin/git", "commit", "-qm", "evil"}, home / "evil");
    const auto result =
        mlrun({"project", "load", "file://" + (home / "evil").string(), "--context", "out"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("points outside the project folder") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(home / "out"));
}

TEST_CASE("e2e project: load from zip and tar.gz; hostile archives write nothing outside")
{
    Mlrun mlrun;
    const auto home = mlrun.home().path();
    mlrun.home().write("make.py", R"(import io, tarfile, zipfile
project = b"kind: project\nmetadata:\n  name: arch\nspec:\n  functions:\n  - name: f\n    url: src/f.py\n    handler: h\n"
code = b"def h(context):\n    pass\n"
with zipfile.ZipFile("p.zip", "w") as z:
    z.writestr("project.yaml", project)
    z.writestr("src/f.py", code)
def add(t, name, data=None, link=None, kind=None):
    info = tarfile.TarInfo(name)
    if link is not None:
        info.type, info.linkname = kind or tarfile.SYMTYPE, link
        t.addfile(info)
    else:
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
with tarfile.open("p.tar.gz", "w:gz") as t:
    add(t, "./project.yaml", project)
    add(t, "./src/f.py", code)
with zipfile.ZipFile("dotdot.zip", "w") as z:
    z.writestr("project.yaml", project)
    z.writestr("../escaped.txt", b"x")
with tarfile.open("absolute.tar.gz", "w:gz") as t:
    add(t, "project.yaml", project)
    add(t, "/tmp/mlrun-absolute-escape.txt", b"x")
with tarfile.open("abslink.tar.gz", "w:gz") as t:
    add(t, "project.yaml", project)
    add(t, "etc", link="/etc")
with tarfile.open("uplink.tar.gz", "w:gz") as t:
    add(t, "project.yaml", project)
    add(t, "up", link="..")
    add(t, "up/escaped.txt", b"x")
with tarfile.open("chain.tar.gz", "w:gz") as t:
    add(t, "project.yaml", project)
    add(t, "a/b/placeholder", b"x")
    add(t, "a/b/l", link="../..")
    add(t, "a/l2", link="b/l/..")
with tarfile.open("hardlink.tar.gz", "w:gz") as t:
    add(t, "project.yaml", project)
    add(t, "h", link="../outside", kind=tarfile.LNKTYPE)
)");
    tool({"/usr/bin/python3", "make.py"}, home);
    for (const char* archive : {"p.zip", "p.tar.gz"}) {
        CAPTURE(archive);
        const auto context = std::string{"ctx-"} + archive;
        auto result = mlrun({"project", "load", archive, "--context", context});
        REQUIRE(result.exit_code == 0);
        CHECK(files_under(home / context) ==
              std::set<std::string>{"project.yaml", "src", "src/f.py"});
        result = mlrun({"project", "validate", context});
        CHECK(result.exit_code == 0);
        CHECK(read_text(home / context / "project.yaml").find("source: " + std::string{archive}) !=
              std::string::npos);
    }
    const auto before = files_under(home);
    for (const char* archive : {"dotdot.zip", "absolute.tar.gz", "abslink.tar.gz", "uplink.tar.gz",
                                "chain.tar.gz", "hardlink.tar.gz"}) {
        CAPTURE(archive);
        const auto result = mlrun({"project", "load", archive, "--context", "hostile"});
        CHECK(result.exit_code == 1);
        CHECK(result.err.find("refusing to extract") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(home / "hostile"));
        CHECK(files_under(home) == before);
    }
    CHECK_FALSE(std::filesystem::exists("/tmp/mlrun-absolute-escape.txt"));
    auto result = mlrun({"project", "load", "missing.zip"});
    CHECK(result.exit_code == 1);
    mlrun.home().write("corrupt.zip", "this is not a zip file");
    result = mlrun({"project", "load", "corrupt.zip", "--context", "corrupt"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("corrupt.zip") != std::string::npos);
}

TEST_CASE("e2e project: set-* edits keep unknown fields; function show; sync; delete")
{
    Mlrun mlrun;
    const auto home = mlrun.home().path();
    mlrun.home().write("p/project.yaml", R"(kind: project
metadata:
  name: edits
  x-custom: kept
spec:
  custom_field: {a: 1}
  params: {old: 1}
)");
    mlrun.home().write("p/src/score.py",
                       "def score(context, threshold: float = 0.5):\n    \"\"\"Score rows.\n\n"
                       "    :param threshold: the cut-off\n    \"\"\"\n    "
                       "context.log_result('t', threshold)\n");
    mlrun.home().write("p/flows/main.py", "def pipeline():\n    pass\n");
    auto result =
        mlrun({"project", "set-function", "p/src/score.py", "--context", "p", "--name", "scorer",
               "--handler", "score", "--image", "mlrun/mlrun", "--requirement", "pandas"});
    REQUIRE(result.exit_code == 0);
    result = mlrun({"project", "set-function", "p/src/score.py", "--context", "p", "--name", "x",
                    "--handler", "nope"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("handler 'nope' is not a top-level function") != std::string::npos);
    result = mlrun({"project", "set-workflow", "main", "p/flows/main.py", "--context", "p",
                    "--engine", "local", "-a", "rows=10"});
    REQUIRE(result.exit_code == 0);
    result = mlrun({"project", "set-workflow", "bad", "p/flows/none.py", "--context", "p"});
    CHECK(result.exit_code == 1);
    result = mlrun({"project", "set-artifact", "data", "--target-path", "s3://bucket/data.csv",
                    "--context", "p"});
    REQUIRE(result.exit_code == 0);
    result =
        mlrun({"project", "set-artifact", "bad", "--target-path", "local.csv", "--context", "p"});
    CHECK(result.exit_code == 2);
    result =
        mlrun({"project", "set-param", "lr=0.1", "name=abc", "--unset", "old", "--context", "p"});
    REQUIRE(result.exit_code == 0);
    // A value without '=' is refused, not reported as an update; nothing changes.
    const auto before = read_text(mlrun.home() / "p" / "project.yaml");
    result = mlrun({"project", "set-param", "lr", "0.2", "--context", "p"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("invalid set-param 'lr': expected KEY=VALUE") != std::string::npos);
    CHECK(result.out.empty());
    CHECK(read_text(mlrun.home() / "p" / "project.yaml") == before);
    result = mlrun({"project", "set-source", "git://github.com/org/repo.git#main",
                    "--pull-at-runtime", "--context", "p"});
    REQUIRE(result.exit_code == 0);
    result = mlrun({"project", "set-source", "ftp://x", "--context", "p"});
    CHECK(result.exit_code == 2);

    result = mlrun({"project", "show", "p", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    const auto project = Json::parse(result.out);
    CHECK(project["metadata"]["x-custom"] == "kept");
    CHECK(project["spec"]["custom_field"]["a"] == 1);
    CHECK(project["spec"]["params"] == Json{{"lr", 0.1}, {"name", "abc"}});
    CHECK(project["spec"]["functions"][0] == Json{{"url", "src/score.py"},
                                                  {"name", "scorer"},
                                                  {"kind", "job"},
                                                  {"image", "mlrun/mlrun"},
                                                  {"handler", "score"},
                                                  {"requirements", {"pandas"}}});
    CHECK(project["spec"]["workflows"][0]["path"] == "flows/main.py");
    CHECK(project["spec"]["workflows"][0]["args"]["rows"] == 10);
    CHECK(project["spec"]["artifacts"][0]["spec"]["target_path"] == "s3://bucket/data.csv");
    CHECK(project["spec"]["source"] == "git://github.com/org/repo.git#main");
    CHECK(project["spec"]["load_source_on_run"] == true);
    result = mlrun({"project", "validate", "p"});
    CHECK(result.exit_code == 0);

    // function show: the code file's handler with its parameters and docs.
    result = mlrun({"function", "show", "p/src/score.py", "--handler", "score"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("score(context, threshold: float = 0.5)") != std::string::npos);
    CHECK(result.out.find("threshold: the cut-off") != std::string::npos);
    result = mlrun({"function", "show", "p/src/score.py", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    const auto function = Json::parse(result.out);
    // As MLRun records entry points: a literal default is its value, a parameter without one
    // has none, varargs/kwargs always said.
    const auto& entry = function["spec"]["entry_points"]["score"];
    CHECK(entry["parameters"][1]["default"] == 0.5);
    CHECK_FALSE(entry["parameters"][0].contains("default"));
    CHECK(entry["has_varargs"] == false);
    CHECK(entry["has_kwargs"] == false);
    CHECK(function["spec"]["build"].contains("functionSourceCode"));
    result = mlrun({"function", "show", "p/src/absent.py"});
    CHECK(result.exit_code == 1);

    // --sync stores the functions; db:// reads them back; hub:// from a local hub folder.
    result = mlrun({"project", "p", "--sync"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("Saving project functions to db ..") != std::string::npos);
    result = mlrun({"function", "show", "db://edits/scorer", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    CHECK(Json::parse(result.out)["metadata"]["name"] == "scorer");
    mlrun.home().write("hub/functions/master/describe_it/latest/src/function.yaml",
                       "kind: job\nmetadata:\n  name: describe-it\nspec:\n  image: mlrun/mlrun\n"
                       "  description: from the hub\n");
    const std::map<std::string, std::string> hub{
        {"MLRUN_HUB__DEFAULT_SOURCE__URL", (home / "hub").string()}};
    result = mlrun({"project", "set-function", "hub://describe-it", "--context", "p"}, hub);
    REQUIRE(result.exit_code == 0);
    result = mlrun({"function", "show", "hub://describe-it"}, hub);
    CHECK(result.out.find("description: from the hub") != std::string::npos);
    // Function files set without --name take their own names: neither replaces the other.
    mlrun.home().write("p/gen.yaml", "kind: job\nmetadata:\n  name: gen\nspec:\n  image: a\n");
    mlrun.home().write("p/describe.yaml",
                       "kind: job\nmetadata:\n  name: describe\nspec:\n  image: b\n");
    result = mlrun({"project", "set-function", "p/gen.yaml", "--context", "p"});
    CHECK(result.out.find("Set function gen ") != std::string::npos);
    result = mlrun({"project", "set-function", "p/describe.yaml", "--context", "p"});
    CHECK(result.out.find("Set function describe ") != std::string::npos);
    {
        const auto yaml = read_text(home / "p" / "project.yaml");
        CHECK(yaml.find("name: gen") != std::string::npos);
        CHECK(yaml.find("name: describe") != std::string::npos);
        CHECK(yaml.find("name: describe-it") != std::string::npos);  // the hub one stays
        CHECK(yaml.find("probe") == std::string::npos);
    }
    result = mlrun({"function", "show", "hub://not-there"}, hub);
    CHECK(result.exit_code == 1);
    // A hub function with embedded code runs by its project name.
    mlrun.home().write(
        "hub/functions/master/with_code/latest/src/function.yaml",
        "kind: job\nmetadata:\n  name: with-code\nspec:\n  default_handler: "
        "handler\n  build:\n    functionSourceCode: "
        "ZGVmIGhhbmRsZXIoY29udGV4dCk6CiAgICBjb250ZXh0LmxvZ19yZXN1bHQoJ2Zyb21faHViJywgMSkK"
        "\n");
    result = mlrun(
        {"project", "set-function", "hub://with-code", "--name", "hubfn", "--context", "p"}, hub);
    REQUIRE(result.exit_code == 0);
    result = mlrun({"run", "-f", "hubfn", "--local", "--context", "p", "--output", "json"}, hub);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(Json::parse(result.out)["status"]["results"]["from_hub"] == 1);

    // Store side: restricted delete refuses while runs exist, cascading removes everything.
    result = mlrun({"run", "-f", "scorer", "--local", "--context", "p"});
    REQUIRE(result.exit_code == 0);
    result = mlrun({"project", "delete", "edits"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("restricted") != std::string::npos);
    result = mlrun({"project", "delete", "edits", "--strategy", "cascading"});
    CHECK(result.exit_code == 0);
    result = mlrun({"get", "runs", "-p", "edits", "--output", "json"});
    CHECK(Json::parse(result.out)["runs"].empty());
    result = mlrun({"project", "delete", "edits"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("not found") != std::string::npos);
}

TEST_CASE("e2e project: the real tool's form; params, CI commit, name override, errors")
{
    Mlrun mlrun;
    mlrun.home().write("proj/project.yaml", "kind: project\nmetadata:\n  name: real\n");
    auto result =
        mlrun({"project", "proj", "-x", "alpha=2", "-n", "renamed"}, {{"GITHUB_SHA", "abc123"}});
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.find("Loading project renamed into proj:\n\nkind: project\n") !=
          std::string::npos);
    CHECK(result.out.find("alpha: 2") != std::string::npos);
    CHECK(result.out.find("commit_id: abc123") != std::string::npos);
    CHECK(result.out.find("project name mismatch") != std::string::npos);  // logged
    const auto saved = read_text(mlrun.home() / "proj" / "project.yaml");
    CHECK(saved.find("name: renamed") != std::string::npos);
    // Stored: -u with a bare name loads it back from the store into another folder.
    result = mlrun({"project", "copy", "-u", "renamed"});
    REQUIRE(result.exit_code == 0);
    CHECK(std::filesystem::exists(mlrun.home() / "copy" / "project.yaml"));
    // -nt is MLRun's spelling of --notifications; an unknown workflow is an error.
    result = mlrun({"project", "proj", "-r", "main", "-nt", "{\"slack\": {}}", "--no-save"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("workflow 'main' is not in project 'renamed'") != std::string::npos);

    result = mlrun({"project", "nowhere"});
    CHECK(result.exit_code == 1);
    CHECK_FALSE(std::filesystem::exists(mlrun.home() / "nowhere"));
    result = mlrun({"project", "proj", "-u", "s3://bucket/p"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("unsupported project source") != std::string::npos);
    mlrun.home().write("broken/project.yaml", "kind: project\nmetadata: [\n");
    result = mlrun({"project", "broken"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("broken/project.yaml:") != std::string::npos);
    result = mlrun({"project", "validate", "broken"});
    CHECK(result.exit_code == 1);
    CHECK(result.out.find("broken/project.yaml:") == 0);
    CHECK(result.err.find("1 problem found") != std::string::npos);
}
