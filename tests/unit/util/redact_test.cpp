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
    // A user part alone is how a token is given in a URL (http://TOKEN@host): short ones too.
    CHECK(redact_url_password("http://tok123@host:8080/api") == "http://****@host:8080/api");
}

TEST_CASE("redact: text for display masks the tool's credentials and cuts long quoted input")
{
    const std::vector<std::string> secrets = {"s3cr3t-token-value", "pw", ""};
    CHECK(for_display("HTTP 401: bad token 's3cr3t-token-value' (pw)", secrets) ==
          "HTTP 401: bad token '****' (pw)");
    const std::string scalar(64 * 1024 * 1024, 'x');
    const auto shown = for_display("invalid value '" + scalar + "' for param", {});
    CHECK(shown.size() < 400);
    CHECK(shown.find("... (67108864 bytes)'") != std::string::npos);
    CHECK(shown.ends_with("' for param"));
    CHECK(for_display(std::string(100'000, 'y')).size() < 2000);
    CHECK(for_display("short 'quoted' text") == "short 'quoted' text");
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
