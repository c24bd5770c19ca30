#include <doctest/doctest.h>

#include "lib/util/redact.hpp"

using namespace mlrun::util;
using mlrun::Json;

TEST_CASE("redact: secret names")
{
    for (const char* name : {"httpdb.token", "V3IO_ACCESS_KEY", "password", "AWS_SECRET_ACCESS_KEY",
                             "MLRUN_AUTH_SESSION", "client_secret"}) {
        CAPTURE(name);
        CHECK(is_secret_name(name));
    }
    for (const char* name : {"dbpath", "httpdb.user", "artifact_path", "tokenizer_path.x"}) {
        CAPTURE(name);
        CHECK_FALSE(is_secret_name(name));
    }
}

TEST_CASE("redact: passwords inside URLs")
{
    CHECK(redact_url_password("https://admin:pw@host/x") == "https://admin:****@host/x");
    CHECK(redact_url_password("see git://u:t@github.com/o/r.git#main and http://h") ==
          "see git://u:****@github.com/o/r.git#main and http://h");
    CHECK(redact_url_password("https://host/path?a=b") == "https://host/path?a=b");
    CHECK(redact_url_password("https://ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaa@github.com/o/r") ==
          "https://****@github.com/o/r");
    CHECK(redact_url_password("https://user@host") == "https://user@host");
}

TEST_CASE("redact: values under secret names, nested")
{
    const Json tree = {{"httpdb", {{"token", "abc"}, {"password", ""}, {"user", "u"}}},
                       {"dbpath", "http://u:p@h"}};
    const auto safe = redact_value("", tree);
    CHECK(safe["httpdb"]["token"] == "****");
    CHECK(safe["httpdb"]["password"] == "");
    CHECK(safe["httpdb"]["user"] == "u");
    CHECK(safe["dbpath"] == "http://u:****@h");
}
