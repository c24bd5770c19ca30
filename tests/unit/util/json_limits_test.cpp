// JSON text from elsewhere (imports, a handler's report, a server) is bounded before it is
// parsed: depth would otherwise overflow the stack of every recursive reader and writer.

#include <doctest/doctest.h>

#include "lib/json.hpp"
#include "lib/util/strings.hpp"

using mlrun::Json;

TEST_CASE("json: values nested past 512 levels are a parse error, not a crash")
{
    const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
    CHECK_THROWS_WITH_AS(mlrun::parse_json(deep), doctest::Contains("nested deeper than 512"),
                         nlohmann::json::parse_error);
    CHECK_FALSE(mlrun::try_parse_json("{\"a\":" + deep + "}").has_value());
    // Brackets inside strings do not count; 512 levels are fine.
    CHECK(mlrun::parse_json("{\"text\": \"" + std::string(10'000, '[') + "\\\"\"}")["text"]
              .get<std::string>()
              .size() == 10'001);
    CHECK(mlrun::parse_json(std::string(512, '[') + std::string(512, ']')).is_array());
}

TEST_CASE("strings: UTF-8 validation and abbreviation for messages")
{
    CHECK_FALSE(mlrun::util::invalid_utf8_offset("plain ascii, naïve, ☃, 😀").has_value());
    CHECK(mlrun::util::invalid_utf8_offset("ab\xff") == 2u);
    CHECK(mlrun::util::invalid_utf8_offset("\xc0\xaf") == 0u);           // overlong '/'
    CHECK(mlrun::util::invalid_utf8_offset("x\xf4\x90\x80\x80") == 1u);  // above U+10FFFF
    CHECK(mlrun::util::invalid_utf8_offset("\xe2\x98") == 0u);           // cut short
    CHECK(mlrun::util::abbreviate("short") == "short");
    CHECK(mlrun::util::abbreviate(std::string(1000, 'x'), 10) == "xxxxxxxxxx... (1000 bytes)");
    // Never cut inside a multi-byte character.
    CHECK(mlrun::util::abbreviate("aaaaaaaaa☃☃☃", 10) == "aaaaaaaaa... (18 bytes)");
}
