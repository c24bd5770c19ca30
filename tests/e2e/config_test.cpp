// `mlrun config` through the built binary: set/get/clear round trip, precedence, origins,
// secrets redacted everywhere, bad input.

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include "tests/e2e/harness.hpp"

using mlrun::test::Mlrun;
using mlrun::test::read_text;

TEST_CASE("e2e config: set, get and clear round trip with secrets redacted")
{
    Mlrun mlrun;
    const auto env_file = mlrun.home() / ".mlrun.env";
    auto result = mlrun({"config", "set", "-a", "https://admin:hunter2@mlrun.example.com", "-p",
                         "/data/artifacts", "-u", "admin", "-k", "ACCESSKEY123", "-e", "MY_VAR=1"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == ".env file " + env_file.string() +
                            " not found, creating new and setting configuration\n");
    CHECK(read_text(env_file) == "MLRUN_DBPATH=https://admin:hunter2@mlrun.example.com\n"
                                 "MLRUN_ARTIFACT_PATH=/data/artifacts\n"
                                 "V3IO_USERNAME=admin\n"
                                 "V3IO_ACCESS_KEY=ACCESSKEY123\n"
                                 "MY_VAR=1\n");
    struct stat info
    {
    };
    REQUIRE(::stat(env_file.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);

    // Updating keeps other lines and replaces in place.
    result = mlrun({"config", "set", "-p", "/other"});
    CHECK(result.out == "Updating configuration in .env file " + env_file.string() + "\n");
    CHECK(read_text(env_file).find("MLRUN_ARTIFACT_PATH=/other\nV3IO_USERNAME=admin") !=
          std::string::npos);

    result = mlrun({"config", "get", "artifact_path"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == "/other\n");

    for (const auto& args :
         std::vector<std::vector<std::string>>{{"config"},
                                               {"config", "get"},
                                               {"config", "--show-origin"},
                                               {"config", "--output", "json"},
                                               {"config", "get", "dbpath"},
                                               {"config", "-v", "--output", "yaml"}}) {
        result = mlrun(args, {{"MLRUN_HTTPDB__TOKEN", "tok-secret-value"}});
        CAPTURE(args.size());
        CHECK(result.exit_code == 0);
        CHECK(result.out.find("hunter2") == std::string::npos);
        CHECK(result.err.find("hunter2") == std::string::npos);
        CHECK(result.out.find("tok-secret-value") == std::string::npos);
        CHECK(result.out.find("ACCESSKEY123") == std::string::npos);
    }
    result = mlrun({"config", "get", "dbpath"});
    CHECK(result.out == "https://admin:****@mlrun.example.com\n");

    result = mlrun({"config", "clear"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == "Deleting .env file " + env_file.string() + "\n");
    CHECK_FALSE(std::filesystem::exists(env_file));
    result = mlrun({"config", "clear"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == ".env file " + env_file.string() + " not found\n");
    CHECK(mlrun({"config", "get", "dbpath"}).out == "\n");
}

TEST_CASE("e2e config: origins and json output")
{
    Mlrun mlrun;
    mlrun.home().write(".mlrun.env", "MLRUN_DBPATH=http://from-file\n");
    auto result = mlrun({"config", "get", "dbpath", "--show-origin", "--output", "json"},
                        {{"MLRUN_DEFAULT_PROJECT", "proj-a"}});
    CHECK(result.exit_code == 0);
    auto value = nlohmann::json::parse(result.out);
    REQUIRE(value["settings"].size() == 1);
    CHECK(value["settings"][0]["value"] == "http://from-file");
    CHECK(value["settings"][0]["origin"].get<std::string>().find(".mlrun.env (MLRUN_DBPATH)") !=
          std::string::npos);

    result = mlrun({"config", "--output", "json"}, {{"MLRUN_DEFAULT_PROJECT", "proj-a"}});
    value = nlohmann::json::parse(result.out);
    CHECK(value["default_project"] == "proj-a");
    CHECK(value["httpdb"]["http"]["verify"] == true);

    // A -f file for set is announced the MLRun way.
    const auto custom = (mlrun.home() / "custom.env").string();
    result = mlrun({"config", "set", "-f", custom, "-a", "http://x"});
    CHECK(result.out.find("To use the " + custom + " .env file add the following") !=
          std::string::npos);
    CHECK(result.out.find("MLRUN_ENV_FILE=" + custom) != std::string::npos);
    result = mlrun({"config", "get", "-f", custom});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("default artifact_path was not configured") != std::string::npos);
    result = mlrun({"config", "get", "-f", custom, "-p", "/art", "dbpath"});
    CHECK(result.exit_code == 0);
    CHECK(result.out == "http://x\n");
}

TEST_CASE("e2e config: bad input is refused with a clear error and no data lost")
{
    Mlrun mlrun;
    const auto env_file =
        mlrun.home().write(".mlrun.env", "MLRUN_DBPATH=http://keep\nbroken line\n");
    auto result = mlrun({"config"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(".mlrun.env:2: env file lines must be in the form key=value") !=
          std::string::npos);
    CHECK(result.out.empty());

    result = mlrun({"config", "set", "-e", "NOEQUALS"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("invalid --env-vars value 'NOEQUALS'") != std::string::npos);
    CHECK(read_text(env_file) == "MLRUN_DBPATH=http://keep\nbroken line\n");

    result = mlrun({"config", "frob"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("unsupported config option 'frob'") != std::string::npos);

    result = mlrun({"config", "get", "-f", "/nonexistent.env"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.find("env file /nonexistent.env does not exist") != std::string::npos);

    mlrun.home().write("bad.yaml", "a: [1,\n");
    result = mlrun({"config"}, {{"MLRUN_IGNORE_ENV_FILE", "1"},
                                {"MLRUN_CONFIG_FILE", (mlrun.home() / "bad.yaml").string()}});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("bad.yaml:") != std::string::npos);
}
