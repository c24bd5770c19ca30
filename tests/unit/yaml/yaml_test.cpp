#include <doctest/doctest.h>

#include <cmath>

#include "lib/error.hpp"
#include "lib/yaml/yaml.hpp"

using mlrun::Json;
namespace yaml = mlrun::yaml;

TEST_CASE("yaml: plain scalars resolve as YAML 1.1 (PyYAML)")
{
    struct Case
    {
        const char* text;
        Json expected;
    };
    const Case cases[] = {
        {"~", nullptr},
        {"null", nullptr},
        {"", nullptr},
        {"yes", true},
        {"No", false},
        {"on", true},
        {"OFF", false},
        {"true", true},
        {"42", 42},
        {"-7", -7},
        {"0x1F", 31},
        {"0o17", "0o17"},
        {"017", 15},
        {"1_000", 1000},
        {"1.5", 1.5},
        {"-0.25", -0.25},
        {"1e5", "1e5"},
        {"1.0e+5", 100000.0},
        {"v1", "v1"},
        {"1.7.0", "1.7.0"},
        {"-1", -1},
        {"12:30", "12:30"},
        {"mlrun/mlrun", "mlrun/mlrun"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(yaml::resolve_plain_scalar(c.text) == c.expected);
    }
    CHECK(std::isinf(yaml::resolve_plain_scalar(".inf").get<double>()));
}

TEST_CASE("yaml: quoted scalars stay strings, anchors expand, merge keys apply")
{
    const auto data = yaml::parse(R"(
a: '123'
b: "true"
c: &req [pandas, numpy]
d: *req
base: &base {x: 1, y: 2}
derived:
  <<: *base
  y: 3
)",
                                  "t.yaml");
    CHECK(data["a"] == "123");
    CHECK(data["b"] == "true");
    CHECK(data["d"] == Json::array({"pandas", "numpy"}));
    CHECK(data["derived"]["x"] == 1);
    CHECK(data["derived"]["y"] == 3);
}

TEST_CASE("yaml: malformed text names the file, line and column")
{
    try {
        yaml::parse("a: 1\nb: [1, 2\nc: 3\n", "bad.yaml");
        FAIL("expected an error");
    } catch (const mlrun::Error& error) {
        const std::string message = error.what();
        CHECK(message.starts_with("bad.yaml:"));
        CHECK(message.find("invalid YAML") != std::string::npos);
        CHECK(error.kind() == mlrun::ErrorKind::usage);
    }
}

TEST_CASE("yaml: empty and comment-only documents are null")
{
    CHECK(yaml::parse("", "e.yaml").is_null());
    CHECK(yaml::parse("# just a comment\n", "e.yaml").is_null());
}

TEST_CASE("yaml: dump quotes strings that would read back as something else")
{
    const Json value = {{"a", "123"},   {"b", "true"},         {"c", ""},
                        {"d", "-1"},    {"e", "plain"},        {"f", 1.0},
                        {"g", nullptr}, {"h", Json::object()}, {"i", Json::array()}};
    const auto text = yaml::dump(value);
    CHECK(text.find("a: '123'") != std::string::npos);
    CHECK(text.find("b: 'true'") != std::string::npos);
    CHECK(text.find("c: ''") != std::string::npos);
    CHECK(text.find("e: plain") != std::string::npos);
    CHECK(text.find("f: 1.0") != std::string::npos);
    CHECK(text.find("g: null") != std::string::npos);
    CHECK(yaml::parse(text, "round.yaml") == value);
}

TEST_CASE("yaml: dump and parse round-trip nested data with unicode and newlines")
{
    const Json value = {
        {"spec", {{"description", "line one\nline two: with colon"}, {"emoji", "naïve ☃"}}},
        {"list", Json::array({1, "two", Json::array({3.5, false})})}};
    CHECK(yaml::parse(yaml::dump(value), "round.yaml") == value);
}

TEST_CASE("yaml: locations of values and keys by JSON pointer")
{
    mlrun::yaml::Locations locations;
    const auto value =
        mlrun::yaml::parse("a:\n  b: [1, x]\n  'c/d': ~\nlist:\n- k: v\n", "f", &locations);
    CHECK(value["a"]["b"][1] == "x");
    CHECK(locations.at("/a").line == 2);
    CHECK(locations.at("/a/b").line == 2);
    CHECK(locations.at("/a/b").column == 6);
    CHECK(locations.at("/a/b/1").column == 10);
    CHECK(locations.at("/a/c~1d").line == 3);
    CHECK(locations.at("/a/c~1d#key").column == 3);
    CHECK(locations.at("/list/0/k").line == 5);
    CHECK(locations.at("/list/0/k").column == 6);
}

TEST_CASE("yaml: hostile documents are refused with a clear error, not expanded or crashed on")
{
    // "Billion laughs": nine levels of ten aliases each would be 10^9 values.
    std::string laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (char level = 'b'; level <= 'j'; ++level) {
        laughs += std::string{level} + ": &" + level + " [";
        for (int i = 0; i < 10; ++i) {
            laughs += (i ? ", *" : "*") + std::string{static_cast<char>(level - 1)};
        }
        laughs += "]\n";
    }
    CHECK_THROWS_WITH_AS(mlrun::yaml::parse(laughs, "lol.yaml"),
                         doctest::Contains("aliases expand to too many values"), mlrun::Error);
    // Aliases used a reasonable number of times still expand.
    const auto shared = mlrun::yaml::parse("base: &b {k: v}\none: *b\ntwo: *b\n", "ok.yaml");
    CHECK(shared["two"]["k"] == "v");

    CHECK_THROWS_WITH_AS(mlrun::yaml::parse("kind: job\nname: ab\xff"
                                            "c\n",
                                            "f.yaml"),
                         doctest::Contains("f.yaml:2:9: not valid UTF-8 (byte 0xFF at offset 18)"),
                         mlrun::Error);
    CHECK_THROWS_WITH_AS(mlrun::yaml::parse("a: \xed\xa0\x80\n", "s.yaml"),  // a surrogate
                         doctest::Contains("not valid UTF-8"), mlrun::Error);
    CHECK(mlrun::yaml::parse("a: \xe2\x98\x83\n", "ok.yaml")["a"] == "\xe2\x98\x83");

    const std::string deep = "a: " + std::string(100'000, '[') + std::string(100'000, ']');
    CHECK_THROWS_AS(mlrun::yaml::parse(deep, "deep.yaml"), mlrun::Error);
}

TEST_CASE("yaml: strings that YAML 1.1 reads as timestamps are written quoted")
{
    const auto text = mlrun::yaml::dump({{"start_time", "2026-12-02T06:13:37.537526+00:00"},
                                         {"day", "2026-12-02"},
                                         {"spaced", "2026-12-02 06:13:37"},
                                         {"name", "2026-run"}});
    CHECK(text.find("start_time: '2026-12-02T06:13:37.537526+00:00'") != std::string::npos);
    CHECK(text.find("day: '2026-12-02'") != std::string::npos);
    CHECK(text.find("spaced: '2026-12-02 06:13:37'") != std::string::npos);
    CHECK(text.find("name: 2026-run") != std::string::npos);
    // And they read back as the same strings.
    CHECK(mlrun::yaml::parse(text, "t")["start_time"] == "2026-12-02T06:13:37.537526+00:00");
}
