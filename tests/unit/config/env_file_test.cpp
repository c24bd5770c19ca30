#include <doctest/doctest.h>

#include "lib/config/env_file.hpp"
#include "lib/error.hpp"

using namespace mlrun::config;

TEST_CASE("env_file: python-dotenv syntax")
{
    const Environment environment{{"HOME", "/home/u"}, {"REGION", "eu"}};
    const auto entries = parse_env_file(R"(# a comment

MLRUN_DBPATH=https://mlrun-api.example.com
export V3IO_USERNAME=admin
SINGLE='literal ${REGION}'
DOUBLE="tab\tand ${REGION}"
INLINE=value # trailing comment
REF=${MLRUN_DBPATH}/x
DEFAULTED=${UNSET:-fallback}
EMPTY=
)",
                                        "test.env", environment);
    REQUIRE(entries.size() == 8);
    CHECK(entries[0].key == "MLRUN_DBPATH");
    CHECK(entries[1].key == "V3IO_USERNAME");
    CHECK(entries[1].value == "admin");
    CHECK(entries[2].value == "literal ${REGION}");
    CHECK(entries[3].value == "tab\tand eu");
    CHECK(entries[4].value == "value");
    CHECK(entries[5].value == "https://mlrun-api.example.com/x");
    CHECK(entries[6].value == "fallback");
    CHECK(entries[7].value.empty());
}

TEST_CASE("env_file: a line that is not KEY=VALUE names the file and line")
{
    try {
        parse_env_file("A=1\nnot a pair\n", "my.env", {});
        FAIL("expected an error");
    } catch (const mlrun::Error& error) {
        CHECK(std::string{error.what()} ==
              "my.env:2: env file lines must be in the form key=value");
    }
}

TEST_CASE("env_file: set_env_keys replaces in place, appends new keys, keeps other lines")
{
    const auto text = set_env_keys("# mine\nA=1\nexport B=2\nC=3\n", {{"B", "20"}, {"D", "4"}});
    CHECK(text == "# mine\nA=1\nB=20\nC=3\nD=4\n");
    CHECK(set_env_keys("", {{"A", "x y"}}) == "A=x y\n");
}

TEST_CASE("env_file: default file, ~ expansion and expand_variables")
{
    const Environment environment{{"HOME", "/home/u"}, {"X", "1"}};
    CHECK(default_env_file(environment) == "/home/u/.mlrun.env");
    CHECK(default_env_file(environment, "~/other.env") == "/home/u/other.env");
    CHECK(default_env_file({{"HOME", "/h"}, {"MLRUN_DEFAULT_ENV_FILE", "/etc/m.env"}}) ==
          "/etc/m.env");
    CHECK(expand_variables("$X/${X}/$NOPE", environment) == "1/1/$NOPE");
}
