#include <doctest/doctest.h>

#include <sstream>

#include "cli/output.hpp"
#include "cli/table.hpp"
#include "lib/error.hpp"

using namespace mlrun::cli;

TEST_CASE("table: tabulate simple style")
{
    Table table{"name", "state"};
    table.add_row({"trainer", "completed"});
    table.add_row({"prep", "error"});
    std::ostringstream out;
    table.render(out);
    CHECK(out.str() == "name     state\n"
                       "-------  ---------\n"
                       "trainer  completed\n"
                       "prep     error\n");
}

TEST_CASE("table: fits the terminal width by cutting the widest column")
{
    Table table{"key", "value"};
    table.add_row({"a", std::string(50, 'x')});
    std::ostringstream out;
    table.render(out, {.color = false, .width = 30});
    std::istringstream lines(out.str());
    std::string line;
    while (std::getline(lines, line)) {
        CHECK(display_width(line) <= 30);
    }
    CHECK(out.str().find("…") != std::string::npos);
}

TEST_CASE("table: uid columns are never cut; the others give way first")
{
    const std::string uid = "198e5b41adac5386f34e4d8bef9237a9";
    Table table{"name", "uid", "parameters", "job/workflow uid"};
    table.add_row({"trainer", uid, std::string(40, 'p'), uid});
    std::ostringstream out;
    table.render(out, {.color = false, .width = 90});
    const auto text = out.str();
    CHECK(text.find("trainer  " + uid + "  ") != std::string::npos);
    CHECK(text.ends_with("  " + uid + "\n"));
    CHECK(text.find(std::string(40, 'p')) == std::string::npos);  // parameters were cut instead
    // Narrower than the uids themselves: they still show whole (the line is longer).
    std::ostringstream narrow;
    table.render(narrow, {.color = false, .width = 20});
    CHECK(narrow.str().find(uid + "  ") != std::string::npos);
}

TEST_CASE("table: colour only wraps headers; rows of the wrong size are a bug")
{
    Table table{"a"};
    table.add_row({"1"});
    std::ostringstream out;
    table.render(out, {.color = true, .width = 0});
    CHECK(out.str().starts_with("\033[1ma\033[0m"));
    CHECK_THROWS_AS(table.add_row({"1", "2"}), std::logic_error);
}

TEST_CASE("output: json and yaml carry one document; human text is suppressed")
{
    std::ostringstream stream;
    Output output{stream, {}};
    output.set_format(OutputFormat::json);
    output.text("a human note");
    output.show(mlrun::Json{{"a", 1}}, [](std::ostream& out) { out << "human\n"; });
    CHECK(stream.str() == "{\n  \"a\": 1\n}\n");

    std::ostringstream yaml_stream;
    Output yaml_output{yaml_stream, {}};
    yaml_output.set_format(parse_output_format("yaml"));
    yaml_output.show(mlrun::Json{{"a", 1}});
    CHECK(yaml_stream.str() == "a: 1\n");
    CHECK_THROWS_AS(parse_output_format("xml"), mlrun::Error);
}

TEST_CASE("streamed lists: the same document and table as a whole list, row by row")
{
    const mlrun::Json items = mlrun::Json::array(
        {{{"name", "a"}, {"n", 1}, {"nested", {{"x", mlrun::Json::array({1, 2})}}}},
         {{"name", "b: c"}, {"n", 2.5}, {"when", "2026-12-02T06:13:37+00:00"}}});
    for (const auto format : {OutputFormat::json, OutputFormat::yaml}) {
        for (std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{2}}) {
            std::ostringstream whole_out;
            std::ostringstream streamed_out;
            Output whole{whole_out, {}};
            Output streamed{streamed_out, {}};
            whole.set_format(format);
            streamed.set_format(format);
            mlrun::Json part = mlrun::Json::array();
            auto writer = streamed.begin_list("runs", {"name"});
            for (std::size_t i = 0; i < count; ++i) {
                part.push_back(items[i]);
                writer.add(items[i]);
            }
            writer.finish();
            whole.list("runs", part, Table{"name"});
            CHECK(streamed_out.str() == whole_out.str());
        }
    }
    // A table: the first rows set the widths; later ones follow them.
    std::ostringstream out;
    StreamingTable table{{"name", "state"}, out, {}, 2};
    table.add_row({"trainer", "completed"});
    table.add_row({"prep", "error"});
    table.add_row({"x", "running"});
    table.finish();
    CHECK(out.str() == "name     state\n-------  ---------\ntrainer  completed\nprep     error\n"
                       "x        running\n");
    std::ostringstream empty;
    StreamingTable none{{"name"}, empty, {}};
    none.finish();
    CHECK(empty.str() == "name\n----\n");
}
