#include <doctest/doctest.h>

#include <pwd.h>
#include <unistd.h>

#include <random>

#include "lib/error.hpp"
#include "lib/launcher/hyper.hpp"
#include "lib/launcher/local_launcher.hpp"
#include "lib/launcher/py_literal.hpp"
#include "lib/launcher/run_record.hpp"
#include "lib/launcher/task_options.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mlrun::launcher;
using mlrun::Json;

TEST_CASE("py_literal: what ast.literal_eval accepts")
{
    struct Case
    {
        const char* text;
        Json expected;
    };
    const Case cases[] = {
        {"5", 5},
        {"-7", -7},
        {"5.0", 5.0},
        {"1e3", 1000.0},
        {"'aaa'", "aaa"},
        {"\"aaa\"", "aaa"},
        {"'it\\'s'", "it's"},
        {"True", true},
        {"False", false},
        {"None", nullptr},
        {"[1, 2]", Json::array({1, 2})},
        {"(1, 'a')", Json::array({1, "a"})},
        {"{'a': 1, 'b': [True, None]}", Json{{"a", 1}, {"b", Json::array({true, nullptr})}}},
        {" [ ] ", Json::array()},
        {"{}", Json::object()},
        {"{1, 2}", Json::array({1, 2})},
        {"1_000", 1000},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        const auto value = parse_python_literal(c.text);
        REQUIRE(value.has_value());
        CHECK(*value == c.expected);
    }
    for (const char* text :
         {"aaa", "true", "null", "[1, 2", "'open", "1 2", "01", "x=1", "", "{'a' 1}"}) {
        CAPTURE(text);
        CHECK_FALSE(parse_python_literal(text).has_value());
        CHECK(parse_parameter_value(text) == text);
    }
}

TEST_CASE("task_options: parameters, inputs, labels, returns")
{
    // An entry without '=' is skipped as MLRun skips it, with a warning naming the flag; a
    // command of this tool's own refuses it.
    struct Warnings final : mlrun::Reporter
    {
        std::vector<std::string> lines;
        void log(mlrun::LogLevel, std::string_view message) override
        {
            lines.emplace_back(message);
        }
    } warnings;
    const auto parameters = parse_parameters(
        {"a=5", " b = 'x' ", "c=[1,2]", "d=true", "e=x=y", "skipped"}, {"-p", &warnings});
    CHECK(parameters ==
          Json{{"a", 5}, {"b", "x"}, {"c", Json::array({1, 2})}, {"d", "true"}, {"e", "x=y"}});
    CHECK(warnings.lines ==
          std::vector<std::string>{"ignored -p 'skipped': not KEY=VALUE (MLRun skips it too)"});
    CHECK_THROWS_WITH_AS(parse_parameters({"a=1", "lr"}, {"set-param", nullptr}),
                         "invalid set-param 'lr': expected KEY=VALUE", mlrun::Error);
    CHECK_THROWS_WITH_AS(parse_parameters({"big=9223372036854775808"}, {"-p", &warnings}),
                         "Parameter big value 9223372036854775808 exceeds int64", mlrun::Error);
    const mlrun::config::Environment environment{{"DATA", "/data"}};
    CHECK(parse_inputs({"train = $DATA/train.csv", "bad"}, environment, {"-i", &warnings}) ==
          Json{{"train", "/data/train.csv"}});
    CHECK(parse_labels({"team=$DATA", "nolabel"}, environment, {"--label", &warnings}) ==
          Json{{"team", "/data"}});
    CHECK(warnings.lines.size() == 3);
    CHECK(parse_returns({"model:file", "score", "{'key': 'x', 'artifact_type': 'dataset'}"}) ==
          Json::array({"model:file", "score", Json{{"key", "x"}, {"artifact_type", "dataset"}}}));
    CHECK_THROWS_AS(parse_returns({"a:b:c"}), mlrun::Error);
    CHECK_THROWS_AS(parse_returns({"a:spaceship"}), mlrun::Error);
    CHECK(parse_secret_sources({"env=KEY1,KEY2", "file=$DATA/s.env"}, environment) ==
          Json::array({Json{{"kind", "env"}, {"source", "KEY1,KEY2"}},
                       Json{{"kind", "file"}, {"source", "/data/s.env"}}}));
    CHECK_THROWS_WITH_AS(parse_secret_sources({"noequals"}, environment),
                         "invalid --secrets value 'noequals'", mlrun::Error);
    CHECK_THROWS_AS(parse_secret_sources({"=x"}, environment), mlrun::Error);
}

TEST_CASE("task_options: names, commands and URLs")
{
    CHECK(normalize_run_name("My_Train") == "my-train");
    CHECK_THROWS_AS(normalize_run_name(std::string(64, 'a')), mlrun::Error);
    CHECK_THROWS_AS(normalize_run_name("bad!name"), mlrun::Error);
    CHECK(format_with_parameters("train.py --lr {lr} --name {n} {{literal}}",
                                 {{"lr", 0.1}, {"n", "x"}}) ==
          "train.py --lr 0.1 --name x {literal}");
    CHECK(format_with_parameters("{flag}", {{"flag", true}}) == "True");
    CHECK_THROWS_AS(format_with_parameters("{missing}", Json::object()), mlrun::Error);
    CHECK(split_command("  python  -u   x.py ") ==
          std::vector<std::string>{"python", "-u", "x.py"});
    CHECK(split_url("'train.py -x {x}'") ==
          std::pair<std::string, std::string>{"train.py", "-x {x}"});
    CHECK(split_url("train.py") == std::pair<std::string, std::string>{"train.py", ""});
}

TEST_CASE("hyper: grid, list and random iterations")
{
    std::mt19937_64 random{42};
    const Json hyper = {{"a", Json::array({1, 2})}, {"b", Json::array({"x", "y", "z"})}};
    const auto grid = hyper_iterations(hyper, "grid", 0, random);
    REQUIRE(grid.size() == 6);
    CHECK(grid[0] == Json{{"a", 1}, {"b", "x"}});
    CHECK(grid[5] == Json{{"a", 2}, {"b", "z"}});
    // The first hyper-parameter varies fastest, as MLRun enumerates (golden hyper-grid).
    CHECK(grid[1] == Json{{"a", 2}, {"b", "x"}});
    CHECK(grid[2] == Json{{"a", 1}, {"b", "y"}});
    CHECK_THROWS_AS(hyper_iterations(hyper, "list", 0, random), mlrun::Error);
    const auto list = hyper_iterations({{"a", Json::array({1, 2})}, {"b", Json::array({3, 4})}},
                                       "list", 0, random);
    CHECK(list == std::vector<Json>{Json{{"a", 1}, {"b", 3}}, Json{{"a", 2}, {"b", 4}}});
    CHECK(hyper_iterations(hyper, "random", 7, random).size() == 7);
    CHECK_THROWS_AS(hyper_iterations(hyper, "annealing", 0, random), mlrun::Error);
    CHECK_THROWS_AS(hyper_iterations({{"a", 5}}, "grid", 0, random), mlrun::Error);
}

TEST_CASE("hyper: selection, iterations table and param files")
{
    std::vector<mlrun::model::Run> children(3);
    for (std::size_t i = 0; i < children.size(); ++i) {
        children[i].metadata.iteration = static_cast<std::int64_t>(i + 1);
        children[i].spec.parameters = {{"lr", 0.1 * static_cast<double>(i + 1)}};
        children[i].status.state = mlrun::model::RunState::completed;
        children[i].status.results = {{"acc", static_cast<double>(i % 2)},
                                      {"loss", static_cast<double>(3 - i)}};
    }
    children[1].status.state = mlrun::model::RunState::error;
    CHECK(select_best(children, "max.acc") == std::size_t{0});
    CHECK(select_best(children, "min.loss") == std::size_t{2});
    CHECK(select_best(children, "acc") == std::size_t{0});
    CHECK_FALSE(select_best(children, "max.nothing").has_value());
    CHECK_THROWS_AS(select_best(children, "best.acc"), mlrun::Error);
    const auto table = iterations_table(children);
    REQUIRE(table.size() == 4);
    CHECK(table[0] == Json::array({"state", "iter", "param.lr", "output.acc", "output.loss"}));
    CHECK(table[2][0] == "error");

    mlrun::test::TempDir dir;
    CHECK(read_param_file(dir.write("p.csv", "lr,name\n0.1,'a'\n0.2,b\n").string()) ==
          Json{{"lr", Json::array({0.1, 0.2})}, {"name", Json::array({"a", "b"})}});
    CHECK(read_param_file(dir.write("p.json", "{\"lr\": [1, 2]}").string()) ==
          Json{{"lr", Json::array({1, 2})}});
    CHECK_THROWS_AS(read_param_file(dir.write("bad.csv", "a,b\n1\n").string()), mlrun::Error);
}

TEST_CASE("local_launcher: uids and artifact path templates")
{
    const auto uid = new_uid();
    CHECK(uid.size() == 32);
    CHECK(uid.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(new_uid() != uid);
    mlrun::model::Run run;
    run.metadata.uid = "u1";
    run.metadata.project = "p";
    run.metadata.labels = {{"owner", "ann"}};
    CHECK(template_artifact_path("/a/{{project}}/{{run.uid}}/{{run.user}}/{{run.project}}", run) ==
          "/a/p/u1/ann/p");
}

TEST_CASE("run record: the owner as getpass.getuser() finds it, the keys MLRun always writes")
{
    using mlrun::launcher::effective_user;
    CHECK(effective_user({{"USER", "ana"}, {"LOGNAME", "bob"}}) == "bob");
    CHECK(effective_user({{"USER", "ana"}}) == "ana");
    CHECK(effective_user({{"USERNAME", "cy"}, {"USER", ""}}) == "cy");
    // No variable: the password database (root in a container), never "unknown".
    const auto* entry = ::getpwuid(::getuid());
    REQUIRE(entry != nullptr);
    CHECK(effective_user({}) == entry->pw_name);
    // The one owner rule of runs, workflow runs and artifacts: the V3IO user first.
    using mlrun::launcher::run_owner;
    CHECK(run_owner({{"V3IO_USERNAME", "iguazio"}, {"USER", "ana"}}) == "iguazio");
    CHECK(run_owner({{"V3IO_USERNAME", ""}, {"USER", "ana"}}) == "ana");
    CHECK(run_owner({}) == entry->pw_name);

    mlrun::model::Run run;
    run.spec.extra["state_thresholds"] = {{"executing", "2h"}};
    mlrun::launcher::add_recorded_keys(run, mlrun::config::Config{});
    CHECK(run.kind == "run");
    const auto json = mlrun::model::to_json(run);
    CHECK(json["spec"]["state_thresholds"] == Json{{"pending_scheduled", "1h"},
                                                   {"pending_not_scheduled", "-1"},
                                                   {"image_pull_backoff", "1h"},
                                                   {"executing", "2h"}});
    CHECK(json["spec"]["log_level"] == "info");
    for (const char* key : {"inputs", "hyperparams", "hyper_param_options", "node_selector"}) {
        CHECK(json["spec"][key] == Json::object());
    }
    for (const char* key : {"outputs", "notifications", "data_stores"}) {
        CHECK(json["spec"][key] == Json::array());
    }
    CHECK(json["metadata"]["annotations"] == Json::object());
    CHECK(json["spec"]["output_path"] == "");
    CHECK(json["status"]["results"] == Json::object());
}

TEST_CASE("run record: the function a run stores, as MLRun's client stores it")
{
    mlrun::model::Function job;
    job.kind = "job";
    job.metadata.name = "prep";
    job.metadata.labels = {{"team", "ml"}};
    job.spec.image = "mlrun/mlrun";
    job.spec.default_handler = "prep";
    job.spec.build = {{"functionSourceCode", "ZA=="}, {"origin_filename", "proj/prep.py"}};

    // Run here: the local function that executes it (golden rest/cli-project, workflow steps).
    auto stored = mlrun::model::to_json(mlrun::launcher::recorded_function(job, "p", "local"));
    CHECK(stored["kind"] == "local");
    CHECK(stored["metadata"]["project"] == "p");
    CHECK(stored["metadata"]["labels"]["team"] == "ml");
    CHECK(stored["metadata"]["credentials"]["access_key"] == "$generate");
    CHECK(stored["spec"]["command"] == "proj/prep.py");
    CHECK(stored["spec"]["image"] == "");
    CHECK_FALSE(stored["spec"].contains("default_handler"));
    CHECK(stored["spec"]["build"]["origin_filename"] == "proj/prep.py");
    CHECK(stored["spec"]["description"] == "");
    CHECK(stored["spec"]["disable_auto_mount"] == false);
    CHECK(stored["verbose"] == false);
    CHECK_FALSE(stored["spec"].contains("preemption_mode"));

    // Run as a job (by an API's runner): kept a job, with the defaults MLRun writes for one.
    stored = mlrun::model::to_json(mlrun::launcher::recorded_function(job, "p", "job"));
    CHECK(stored["kind"] == "job");
    CHECK(stored["spec"]["default_handler"] == "prep");
    CHECK(stored["spec"]["preemption_mode"] == "prevent");
    CHECK(stored["spec"]["node_selector"] == Json::object());
    CHECK(stored["spec"]["tolerations"].is_null());
    CHECK(stored["spec"]["state_thresholds"]["executing"] == "24h");
}
