#include <doctest/doctest.h>

#include "lib/config/load.hpp"
#include "lib/error.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mlrun::config;
using mlrun::Json;

TEST_CASE("config load: variable names map to keys")
{
    CHECK(key_of_variable("MLRUN_DBPATH") == "dbpath");
    CHECK(key_of_variable("MLRUN_HTTPDB__HTTP__VERIFY") == "httpdb.http.verify");
    CHECK(key_of_variable("MLRUN_DEFAULT_PROJECT") == "default_project");
    CHECK(key_of_variable("PATH").empty());
    CHECK(decode_variable_value("8080") == 8080);
    CHECK(decode_variable_value("true") == true);
    CHECK(decode_variable_value("True") == "True");
    CHECK(decode_variable_value("{\"a\": 1}") == Json{{"a", 1}});
    CHECK(decode_variable_value("\"x\"") == "x");
}

TEST_CASE("config load: precedence, lowest to highest (config.md §2)")
{
    mlrun::test::TempDir home;
    home.write(".mlrun.env", "MLRUN_DBPATH=http://from-env-file\nMLRUN_LOG_LEVEL=DEBUG\n");
    home.write("flag.env", "MLRUN_DBPATH=http://from-flag-file\n");
    home.write("config.yaml", "default_project: from-config-file\nlog_level: WARNING\n");
    const Environment base{{"HOME", home.path().string()},
                           {"MLRUN_CONFIG_FILE", (home / "config.yaml").string()}};

    struct Case
    {
        const char* name;
        Environment extra;
        std::string env_file_flag;
        std::vector<FlagOverride> flags;
        const char* key;
        Json expected;
        std::string origin_prefix;
    };
    const Case cases[] = {
        {"default",
         {{"MLRUN_IGNORE_ENV_FILE", "1"}},
         "",
         {},
         "kfp_image",
         "mlrun/mlrun",
         "default"},
        {"config file over default",
         {},
         "",
         {},
         "default_project",
         "from-config-file",
         "config file"},
        {"variable over config file",
         {{"MLRUN_DEFAULT_PROJECT", "from-env"}},
         "",
         {},
         "default_project",
         "from-env",
         "env MLRUN_DEFAULT_PROJECT"},
        {"env file over variable",
         {{"MLRUN_DBPATH", "http://shell"}},
         "",
         {},
         "dbpath",
         "http://from-env-file",
         "env file"},
        {"env file over config file", {}, "", {}, "log_level", "DEBUG", "env file"},
        {"ignored env file",
         {{"MLRUN_IGNORE_ENV_FILE", "yes"}, {"MLRUN_DBPATH", "http://shell"}},
         "",
         {},
         "dbpath",
         "http://shell",
         "env MLRUN_DBPATH"},
        {"--env-file over default env file",
         {},
         (home / "flag.env").string(),
         {},
         "dbpath",
         "http://from-flag-file",
         "env file"},
        {"flag over everything",
         {},
         "",
         {{"dbpath", "http://flag", "flag --db"}},
         "dbpath",
         "http://flag",
         "flag --db"},
        {"nested key, JSON decoded",
         {{"MLRUN_HTTPDB__HTTP__VERIFY", "false"}},
         "",
         {},
         "httpdb.http.verify",
         false,
         "env MLRUN_HTTPDB__HTTP__VERIFY"},
        {"unknown keys ignored",
         {{"MLRUN_NO_SUCH_KEY", "1"}},
         "",
         {},
         "dbpath",
         "http://from-env-file",
         "env file"},
        {"free-form map accepts new keys",
         {{"MLRUN_DEFAULT_FUNCTION_NODE_SELECTOR", "{\"zone\": \"a\"}"}},
         "",
         {},
         "default_function_node_selector.zone",
         "a",
         "env"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        auto environment = base;
        environment.insert(c.extra.begin(), c.extra.end());
        const auto loaded =
            load({.environment = environment, .env_file_flag = c.env_file_flag, .flags = c.flags});
        const auto* value = loaded.config.find(c.key);
        REQUIRE(value != nullptr);
        CHECK(*value == c.expected);
        CHECK(loaded.config.origin(c.key).starts_with(c.origin_prefix));
    }
}

TEST_CASE("config load: env file values reach the effective environment of children")
{
    mlrun::test::TempDir home;
    home.write(".mlrun.env", "AWS_SECRET_ACCESS_KEY=abc\n");
    const auto loaded = load({.environment = {{"HOME", home.path().string()}}});
    CHECK(loaded.environment.at("AWS_SECRET_ACCESS_KEY") == "abc");
    CHECK(loaded.config.find("aws_secret_access_key") == nullptr);
}

TEST_CASE("config load: broken inputs give clear errors")
{
    mlrun::test::TempDir home;
    home.write("list.yaml", "- a\n- b\n");
    CHECK_THROWS_WITH_AS(
        load({.environment = {{"HOME", home.path().string()},
                              {"MLRUN_CONFIG_FILE", (home / "list.yaml").string()}}}),
        doctest::Contains("not a dict"), mlrun::Error);
    CHECK_THROWS_WITH_AS(load({.environment = {{"HOME", home.path().string()}},
                               .env_file_flag = (home / "missing.env").string()}),
                         doctest::Contains("does not exist"), mlrun::Error);
    home.write(".mlrun.env", "garbage line\n");
    CHECK_THROWS_WITH_AS(load({.environment = {{"HOME", home.path().string()}}}),
                         doctest::Contains(".mlrun.env:1"), mlrun::Error);
}

TEST_CASE("config: flatten and sorted")
{
    const Json tree = {{"b", {{"y", 1}, {"x", Json::object()}}}, {"a", "v"}};
    const auto leaves = flatten(tree);
    REQUIRE(leaves.size() == 3);
    CHECK(leaves[0].first == "a");
    CHECK(leaves[1].first == "b.x");
    CHECK(leaves[2].first == "b.y");
    CHECK(sorted(tree).begin().key() == "a");
}
