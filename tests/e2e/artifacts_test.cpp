// `mlrun artifacts` through the built binary: log/list/get/download/tag/untag/delete on the
// local store, hash verification, path safety, store:// inputs, http(s) downloads resumed after
// an interruption, and the same against the contract server (v2 endpoints, files endpoint).

#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "lib/store/http/http_run_db.hpp"
#include "lib/store/open_run_db.hpp"
#include "lib/util/hash.hpp"
#include "tests/e2e/api_server.hpp"

using mlrun::test::ApiServer;
using mlrun::test::Mlrun;
using mlrun::test::read_text;
using Json = nlohmann::json;

namespace {

std::string sha1_of(const std::filesystem::path& path)
{
    return mlrun::util::sha1_hex(read_text(path));
}

std::string payload(std::size_t size)
{
    std::string text;
    text.reserve(size);
    for (std::size_t i = 0; i < size; ++i) {
        text += static_cast<char>('a' + (i * 7 + i / 13) % 26);
    }
    return text;
}

}  // namespace

TEST_CASE("e2e artifacts: log, list, get, download, tag, untag, delete on the local store")
{
    Mlrun mlrun;
    const auto home = mlrun.home().path();
    const auto data = mlrun.home().write("data.csv", payload(300'000));
    mlrun.home().write("model/weights.bin", payload(1000));
    mlrun.home().write("model/conf/params.json", "{}");

    auto result = mlrun({"artifacts", "log", "data.csv", "--key", "data", "-p", "arts", "--tag",
                         "v1", "-l", "team=ml", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    auto logged = Json::parse(result.out);
    CHECK(logged["metadata"]["hash"] == sha1_of(data));
    CHECK(logged["spec"]["size"] == 300'000);
    CHECK(logged["metadata"]["labels"]["team"] == "ml");
    const auto target = logged["spec"]["target_path"].get<std::string>();
    CHECK(target == (home / "artifacts" / "data.csv").string());
    CHECK(read_text(target) == read_text(data));

    result = mlrun({"artifacts", "log", "model", "--key", "model", "--kind", "dir", "-p", "arts"});
    REQUIRE(result.exit_code == 0);
    CHECK(std::filesystem::exists(home / "artifacts" / "model" / "conf" / "params.json"));

    result = mlrun({"artifacts", "list", "-p", "arts", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    CHECK(Json::parse(result.out)["artifacts"].size() == 3);  // data:latest, data:v1, model
    result = mlrun({"artifacts", "list", "-p", "arts", "--kind", "dir", "--output", "json"});
    CHECK(Json::parse(result.out)["artifacts"].size() == 1);
    result = mlrun({"get", "artifacts", "-p", "arts"});
    CHECK(result.out.find("store://artifacts/arts/data#0:v1@") != std::string::npos);

    // get: by key, key:tag, store:// URI (every form), and errors.
    for (const auto& name :
         {"data", "data:v1", "store://arts/data", "store://artifacts/arts/data:v1",
          "store://artifacts/arts/data#0:latest"}) {
        CAPTURE(name);
        result = mlrun({"artifacts", "get", name, "-p", "arts", "--output", "json"});
        REQUIRE(result.exit_code == 0);
        CHECK(Json::parse(result.out)["metadata"]["key"] == "data");
    }
    result = mlrun({"artifacts", "get", "store://artifacts/arts/data#x", "-p", "arts"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("not a non-negative integer") != std::string::npos);
    result = mlrun({"artifacts", "get", "s3://bucket/data", "-p", "arts"});
    CHECK(result.exit_code == 2);
    result = mlrun({"artifacts", "get", "nothere", "-p", "arts"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("artifact 'nothere' not found in project 'arts'") != std::string::npos);

    // download: equal bytes; never over an existing file without --force; into a folder.
    result = mlrun({"artifacts", "download", "data:v1", "-p", "arts", "-O", "copy.csv"});
    REQUIRE(result.exit_code == 0);
    CHECK(read_text(home / "copy.csv") == read_text(data));
    result = mlrun({"artifacts", "download", "data", "-p", "arts", "-O", "copy.csv"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("already exists") != std::string::npos);
    std::filesystem::create_directory(home / "into");
    result = mlrun({"artifacts", "download", "data", "-p", "arts", "-O", "into"});
    CHECK(result.exit_code == 0);
    CHECK(std::filesystem::exists(home / "into" / "data.csv"));
    // The destination as a positional, as the help of `download URI [DEST]` says; not twice.
    result = mlrun({"artifacts", "download", "data:v1", "pos.csv", "-p", "arts"});
    CHECK(result.exit_code == 0);
    CHECK(read_text(home / "pos.csv") == read_text(data));
    result = mlrun({"artifacts", "download", "data", "a.csv", "-O", "b.csv", "-p", "arts"});
    CHECK(result.exit_code == 2);
    CHECK_FALSE(std::filesystem::exists(home / "a.csv"));
    result = mlrun({"artifacts", "download", "model", "-p", "arts", "-O", "model-copy"});
    REQUIRE(result.exit_code == 0);
    CHECK(read_text(home / "model-copy" / "weights.bin") == payload(1000));

    // A corrupted copy in the artifact path is caught and nothing is written.
    mlrun.home().write("artifacts/data.csv", payload(300'000).replace(10, 1, "#"));
    result = mlrun({"artifacts", "download", "data", "-p", "arts", "-O", "bad.csv"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("has SHA-1") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(home / "bad.csv"));
    CHECK_FALSE(std::filesystem::exists(home / "bad.csv.part"));
    mlrun.home().write("artifacts/data.csv", payload(200));
    result = mlrun({"artifacts", "download", "data", "-p", "arts", "-O", "short.csv"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("has 200 bytes where the artifact records 300000") != std::string::npos);

    // Keys that would leave the artifact path are refused; nothing is overwritten silently.
    for (const auto& key : {"../escape", "/etc/passwd", "a/b", "..", ".hidden"}) {
        CAPTURE(key);
        result = mlrun({"artifacts", "log", "data.csv", "--key", key, "-p", "arts"});
        CHECK(result.exit_code == 2);
    }
    CHECK_FALSE(std::filesystem::exists(home / "escape.csv"));
    result = mlrun({"artifacts", "log", "data.csv", "--key", "data", "-p", "arts"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("already exists") != std::string::npos);
    CHECK(read_text(home / "artifacts" / "data.csv") == payload(200));  // untouched
    result = mlrun({"artifacts", "log", "data.csv", "--key", "data", "-p", "arts", "--force"});
    CHECK(result.exit_code == 0);

    // tag / untag / delete (--purge only inside the artifact path).
    result = mlrun({"artifacts", "tag", "data", "prod", "-p", "arts"});
    REQUIRE(result.exit_code == 0);
    result = mlrun({"artifacts", "get", "data:prod", "-p", "arts", "--output", "json"});
    CHECK(Json::parse(result.out)["metadata"]["hash"] == sha1_of(data));
    result = mlrun({"artifacts", "untag", "data", "prod", "-p", "arts"});
    CHECK(result.exit_code == 0);
    CHECK(mlrun({"artifacts", "get", "data:prod", "-p", "arts"}).exit_code == 1);
    result = mlrun(
        {"artifacts", "delete", "data", "-p", "arts", "--purge", "--artifact-path", "elsewhere"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("outside the artifact path") != std::string::npos);
    CHECK(std::filesystem::exists(home / "artifacts" / "data.csv"));
    result = mlrun({"artifacts", "delete", "data", "-p", "arts", "--purge"});
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK_FALSE(std::filesystem::exists(home / "artifacts" / "data.csv"));

    // store:// as a run input: the handler gets the artifact's file.
    REQUIRE(mlrun({"artifacts", "log", "data.csv", "--key", "input", "-p", "arts"}).exit_code == 0);
    mlrun.home().write("h.py", "def h(context, data):\n"
                               "    path = data.local() if hasattr(data, 'local') else data\n"
                               "    context.log_result('size', len(open(path).read()))\n");
    result = mlrun({"run", "h.py", "--handler", "h", "--project", "arts", "-i",
                    "data=store://artifacts/arts/input", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    CHECK(Json::parse(result.out)["status"]["results"]["size"] == 300'000);
}

TEST_CASE("e2e artifacts: http(s) targets download with resume; remote store and files endpoint")
{
    mlrun::test::TempDir files;
    const auto big = payload(2'000'000);
    files.write("big.bin", big);
    files.write("bucket/obj.bin", payload(5000));
    ApiServer server{{"--files-root", files.path().string()}};

    // An artifact whose data is served over http, in the local store.
    Mlrun mlrun;
    const auto home = mlrun.home().path();
    {
        auto db =
            mlrun::store::open_run_db("", (home / ".mlrun").string(), mlrun::store::Access::write);
        mlrun::model::Artifact artifact;
        artifact.metadata.key = "web";
        artifact.metadata.project = "dl";
        artifact.metadata.tree = "t1";
        artifact.metadata.hash = mlrun::util::sha1_hex(big);
        artifact.spec.size = 2'000'000;
        artifact.spec.db_key = "web";
        artifact.spec.target_path = server.url() + "/_files/big.bin";
        db->store_artifact(artifact, "latest");
        artifact.metadata.key = artifact.spec.db_key = "lying";
        artifact.metadata.hash = std::string(40, '0');
        db->store_artifact(artifact, "latest");
    }
    server.faults(Json::array({{{"method", "GET"},
                                {"path", "/_files/big.bin"},
                                {"action", "truncate"},
                                {"bytes", 700000}}}));
    auto result = mlrun({"artifacts", "download", "web", "-p", "dl", "-O", "big.bin"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(read_text(home / "big.bin") == big);
    const auto gets = server.requests("GET", "/_files/big.bin");
    REQUIRE(gets.size() == 2);
    CHECK_FALSE(gets[0]["headers"].contains("range"));
    CHECK(gets[1]["headers"]["range"] == "bytes=700000-");

    result = mlrun({"artifacts", "download", "lying", "-p", "dl", "-O", "lying.bin"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("has SHA-1") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(home / "lying.bin"));

    // s3:// data without an API server: a clear error naming the scheme.
    {
        auto db =
            mlrun::store::open_run_db("", (home / ".mlrun").string(), mlrun::store::Access::write);
        mlrun::model::Artifact artifact;
        artifact.metadata.key = artifact.spec.db_key = "cloud";
        artifact.metadata.project = "dl";
        artifact.spec.target_path = "s3://bucket/obj.bin";
        db->store_artifact(artifact, "latest");
    }
    result = mlrun({"artifacts", "download", "cloud", "-p", "dl"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("stored at s3://") != std::string::npos);

    // Against the API: log (data local, record in the server), list, tag, and s3:// data
    // read through the files endpoint.
    Mlrun remote;
    mlrun::test::connect(remote, server);
    REQUIRE(remote({"project", "create", "rart"}).exit_code == 0);
    remote.home().write("x.txt", "hello artifacts\n");
    result = remote({"artifacts", "log", "x.txt", "--key", "x", "-p", "rart", "--tag", "v1"});
    REQUIRE(result.exit_code == 0);
    CHECK(server.requests("PUT", "/api/v2/projects/rart/artifacts/x").size() == 1);
    result = remote({"artifacts", "list", "-p", "rart", "--output", "json"});
    REQUIRE(result.exit_code == 0);
    CHECK(Json::parse(result.out)["artifacts"].size() == 2);
    result = remote({"artifacts", "tag", "x:v1", "prod", "-p", "rart"});
    CHECK(result.exit_code == 0);
    result = remote({"artifacts", "download", "x:prod", "-p", "rart", "-O", "x-copy.txt"});
    REQUIRE(result.exit_code == 0);
    CHECK(read_text(remote.home() / "x-copy.txt") == "hello artifacts\n");
    mlrun::http::Settings settings;
    settings.base_url = server.url();
    settings.client_version = "1.7.0";
    mlrun::store::HttpRunDB db{settings};
    mlrun::model::Artifact artifact;
    artifact.metadata.key = artifact.spec.db_key = "cloud";
    artifact.metadata.project = "rart";
    artifact.metadata.tree = "t1";
    artifact.metadata.hash = mlrun::util::sha1_hex(payload(5000));
    artifact.spec.size = 5000;
    artifact.spec.target_path = "s3://bucket/obj.bin";
    db.store_artifact(artifact, "latest");
    result = remote({"artifacts", "download", "cloud", "-p", "rart", "-O", "obj.bin"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(read_text(remote.home() / "obj.bin") == payload(5000));
    CHECK(server.requests("GET", "/api/v1/projects/rart/files").size() == 1);
    result = remote({"artifacts", "delete", "x", "-t", "v1", "-p", "rart"});
    CHECK(result.exit_code == 0);
    CHECK_FALSE(server.requests("DELETE", "/api/v2/projects/rart/artifacts/x").empty());
}
