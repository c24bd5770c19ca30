// Where a project comes from: MLRun's URL rules, credentials from the environment.

#include <doctest/doctest.h>

#include "lib/error.hpp"
#include "lib/project/source.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mlrun;
using project::SourceKind;

TEST_CASE("source: URLs by scheme and suffix")
{
    auto source = project::classify_source("git://github.com/org/repo.git#refs/tags/v1");
    CHECK(source.kind == SourceKind::git);
    CHECK(source.location == "https://github.com/org/repo.git");
    CHECK(source.reference == "refs/tags/v1");
    CHECK(source.recorded_git_url("refs/tags/v1") == "git://github.com/org/repo.git#refs/tags/v1");

    source = project::classify_source("https://user:secret@host/org/repo.git#main");
    CHECK(source.kind == SourceKind::git);
    CHECK(source.shown().find("secret") == std::string::npos);
    CHECK(source.recorded_git_url("refs/heads/main") ==
          "https://host/org/repo.git#refs/heads/main");

    CHECK(project::classify_source("file:///srv/repo.git").kind == SourceKind::git);
    CHECK(project::classify_source("ssh://git@host/repo.git").kind == SourceKind::git);
    CHECK(project::classify_source("https://host/p.tar.gz").kind == SourceKind::archive);
    CHECK(project::classify_source("https://host/project.yaml").kind == SourceKind::yaml);
    source = project::classify_source("file:///tmp/x.zip");
    CHECK(source.kind == SourceKind::archive);
    CHECK(source.location == "/tmp/x.zip");
    source = project::classify_source("db://proj");
    CHECK(source.kind == SourceKind::db);
    CHECK(source.name == "proj");
    CHECK_THROWS_AS(project::classify_source("s3://bucket/x"), Error);
    CHECK_THROWS_AS(project::classify_source("db://"), Error);
}

TEST_CASE("source: local paths, and -u's rule that a bare word is a stored project")
{
    test::TempDir dir;
    dir.write("p/project.yaml", "kind: project\n");
    dir.write("a.zip", "");
    dir.write("notes.txt", "");
    CHECK(project::classify_source((dir / "p").string()).kind == SourceKind::directory);
    CHECK(project::classify_source((dir / "p/project.yaml").string()).kind == SourceKind::yaml);
    CHECK(project::classify_source((dir / "a.zip").string()).kind == SourceKind::archive);
    CHECK_THROWS_AS(project::classify_source((dir / "notes.txt").string()), Error);
    CHECK_THROWS_AS(project::classify_source((dir / "absent").string()), Error);

    CHECK(project::classify_url_option("myproj").kind == SourceKind::db);
    CHECK(project::classify_url_option((dir / "p").string()).kind == SourceKind::db);
}

TEST_CASE("source: clone credentials as MLRun picks them")
{
    config::Environment environment{{"GIT_USERNAME", "u"}, {"GIT_PASSWORD", "p"}};
    auto credentials = project::git_credentials(environment);
    CHECK(credentials.username == "u");
    CHECK(credentials.password == "p");
    environment["GIT_TOKEN"] = "tok";
    credentials = project::git_credentials(environment);
    CHECK(credentials.username == "tok");
    CHECK(credentials.password == "x-oauth-basic");
    environment["GITHUB_TOKEN"] = "github_pat_abc";
    credentials = project::git_credentials(environment);
    CHECK(credentials.username == "oauth2");
    CHECK(credentials.password == "github_pat_abc");
}
