// Regression tests for what a fault and fuzz campaign broke: data loss, crashes, hangs, leaked
// secrets and unbounded resources. Each case names the defect it guards against.

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include "tests/e2e/harness.hpp"

using mlrun::test::Mlrun;
using mlrun::test::read_text;
using Json = nlohmann::json;

namespace {

bool contains(const std::string& text, const std::string& piece)
{
    return text.find(piece) != std::string::npos;
}

}  // namespace

TEST_CASE("reliability: another application's SQLite file given as --db is refused untouched")
{
    Mlrun mlrun;
    const auto app = mlrun.home() / "app.db";
    // Written by another program (Python's sqlite3), as an application's database would be.
    REQUIRE(std::system(("python3 -c \"import sqlite3; c = sqlite3.connect('" + app.string() +
                         "'); c.execute('CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT)'); "
                         "c.execute(\\\"INSERT INTO users(name) VALUES ('ada')\\\"); "
                         "c.commit()\"")
                            .c_str()) == 0);
    const auto before = read_text(app);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"get", "runs", "--db", app.string()},
          std::vector<std::string>{"run", "--db", app.string(), "--command", "true"}}) {
        const auto result = mlrun(args);
        INFO(result.err);
        CHECK(result.exit_code == 1);
        CHECK(contains(result.err, "is not an mlrun store (a SQLite database of another "
                                   "application, with tables users); it was left untouched"));
        CHECK(read_text(app) == before);
        CHECK_FALSE(std::filesystem::exists(app.string() + "-wal"));
    }
}

TEST_CASE("reliability: --db naming a FIFO is refused at once, not waited on forever")
{
    Mlrun mlrun;
    const auto fifo = mlrun.home() / "pipe.db";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const auto result = mlrun({"get", "runs", "--db", fifo.string()});
    CHECK_FALSE(result.timed_out);
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "is not a regular file"));
}

TEST_CASE("reliability: bad flag values are usage errors (exit 2), nothing is stored")
{
    Mlrun mlrun;
    const std::vector<std::vector<std::string>> cases = {
        {"run", "--command", "true", "-p", "=5"},
        {"run", "--command", "true", "--max-parallel", "-3"},
        {"run", "--command", "true", "--timeout", "1e16"},
        {"run", "--command", "true", "--timeout", "nan"},
        {"run", "--command", "true", "--project", "Bad Name!"},
        {"get", "runs", "--limit", "-5"},
        {"artifacts", "list", "--limit", "-1"},
        {"run", "--command", "true", "-p", "x=\xff"},
    };
    for (const auto& args : cases) {
        const auto result = mlrun(args);
        INFO(args[args.size() - 1], " ", result.err);
        CHECK(result.exit_code == 2);
        CHECK(result.err.starts_with("error: "));
        CHECK(std::count(result.err.begin(), result.err.end(), '\n') <= 2);
    }
    CHECK(mlrun({"get", "runs", "--output", "json"}).out.find("\"uid\"") == std::string::npos);
}

TEST_CASE("reliability: inline secret values are never stored or printed")
{
    Mlrun mlrun;
    mlrun.home().write("h.py", "def main(context):\n"
                               "    assert context.get_secret('API_KEY') == 'hunter2-value'\n"
                               "    context.log_result('ok', 1)\n");
    const auto run = mlrun({"run", "--handler", "main", "--secrets",
                            "inline={'API_KEY': 'hunter2-value'}", "h.py", "--dump"});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(contains(run.out, "ok: 1"));
    CHECK_FALSE(contains(run.out + run.err, "hunter2"));
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"get", "runs", "--output", "json"},
          std::vector<std::string>{"get", "runs", "--output", "yaml"},
          std::vector<std::string>{"runs", "export"}}) {
        const auto shown = mlrun(args);
        CHECK(shown.exit_code == 0);
        CHECK_FALSE(contains(shown.out, "hunter2"));
    }
    const auto json = mlrun({"get", "runs", "--output", "json"}).out;
    CHECK(contains(json, "\"API_KEY\""));
    const auto store = read_text(mlrun.home() / ".mlrun" / "mlrun.db");
    CHECK_FALSE(contains(store, "hunter2"));
}

TEST_CASE("reliability: hostile YAML and JSON give one clear error, never a crash")
{
    Mlrun mlrun;
    mlrun.home().write("fn.yaml", "kind: job\nmetadata:\n  name: ab\xff"
                                  "c\n");
    auto result = mlrun({"run", "-f", "fn.yaml"});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, "fn.yaml:3:11: not valid UTF-8 (byte 0xFF at offset 30)"));
    CHECK_FALSE(contains(result.err, "internal error"));

    std::string laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (char level = 'b'; level <= 'j'; ++level) {
        laughs += std::string{level} + ": &" + level + " [";
        for (int i = 0; i < 10; ++i) {
            laughs += (i ? ", *" : "*") + std::string{static_cast<char>(level - 1)};
        }
        laughs += "]\n";
    }
    mlrun.home().write("project.yaml", laughs);
    result = mlrun({"project", "validate", "project.yaml"});
    CHECK(result.exit_code != 0);
    CHECK(contains(result.out + result.err, "aliases expand to too many values"));

    // A run nested 100,000 deep in an import is refused; the store and its listing stay fine.
    REQUIRE(mlrun({"run", "--command", "true", "--name", "kept"}).exit_code == 0);
    const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
    const auto path = mlrun.home().write(
        "runs.jsonl", "{\"metadata\": {\"uid\": \"x1\", \"project\": \"default\"}, \"spec\": {"
                      "\"parameters\": {\"p\": " +
                          deep + "}}}\n");
    result = mlrun({"runs", "import", path.string()});
    CHECK(result.exit_code != 0);
    CHECK(contains(result.err, "nested deeper than 512 levels"));
    const auto listing = mlrun({"get", "runs"});
    CHECK(listing.exit_code == 0);
    CHECK(contains(listing.out, "kept"));

    // A 64 MB scalar in an error message is cut.
    mlrun.home().write("big.yaml", "kind: job\nmetadata: {name: '" + std::string(64 << 20, 'x') +
                                       "'}\nspec: [\n");
    result = mlrun({"run", "-f", "big.yaml"});
    CHECK(result.exit_code != 0);
    CHECK(result.err.size() < 4096);
}

TEST_CASE("reliability: config never shows a token given as the URL's user")
{
    Mlrun mlrun;
    const auto result = mlrun({"config"}, {{"MLRUN_DBPATH", "http://tok1234@127.0.0.1:1"}});
    INFO(result.err);
    CHECK_FALSE(contains(result.out + result.err, "tok1234"));
}
