// Checks every RunDB backend must pass.

#include "tests/unit/store/run_db_contract.hpp"

#include <algorithm>
#include <doctest/doctest.h>

#include "lib/error.hpp"
#include "lib/store/run_ref.hpp"

namespace mlrun::test {
namespace {

model::Run make_run(const std::string& project, const std::string& uid, const std::string& name,
                    model::RunState state, const std::string& start, std::int64_t iteration = 0)
{
    model::Run run;
    run.metadata.project = project;
    run.metadata.uid = uid;
    run.metadata.name = name;
    run.metadata.iteration = iteration;
    run.metadata.labels = {{"owner", "ci"}, {"kind", "local"}};
    run.spec.parameters = {{"lr", 0.1}};
    run.status.state = state;
    run.status.start_time = start;
    run.status.last_update = start;
    return run;
}

model::Artifact make_artifact(const std::string& key, const std::string& tree, std::int64_t iter,
                              const std::string& body)
{
    model::Artifact artifact;
    artifact.metadata.key = key;
    artifact.metadata.project = "demo";
    artifact.metadata.tree = tree;
    artifact.metadata.iter = iter;
    artifact.spec.db_key = "train_" + key;
    artifact.spec.target_path = "/art/" + tree + "/" + key + ".csv";
    artifact.spec.inline_body = body;
    artifact.metadata.labels = {{"framework", "sklearn"}};
    return artifact;
}

std::vector<std::string> uids(const std::vector<model::Run>& runs)
{
    std::vector<std::string> out;
    for (const auto& run : runs) {
        out.push_back(run.metadata.uid);
    }
    return out;
}

}  // namespace

void check_projects(const StoreFactory& make)
{
    auto db = make();
    CHECK_FALSE(db->find_project("demo").has_value());
    CHECK_THROWS_AS(db->read_project("demo"), Error);
    model::Project project;
    project.metadata.name = "demo";
    project.spec.description = "first";
    project.spec.extra["future_field"] = 1;
    db->store_project(project);
    const auto stored = db->read_project("demo");
    CHECK(stored.spec.description == "first");
    CHECK(stored.spec.extra["future_field"] == 1);
    CHECK_FALSE(stored.metadata.created.empty());
    project.spec.description = "second";
    db->store_project(project);
    CHECK(db->read_project("demo").spec.description == "second");
    CHECK(db->read_project("demo").metadata.created == stored.metadata.created);
    model::Project other;
    other.metadata.name = "alpha";
    db->store_project(other);
    auto projects = db->list_projects();
    REQUIRE(projects.size() == 2);
    CHECK((projects[0].metadata.name == "alpha" || projects[1].metadata.name == "alpha"));
    db->store_run(
        make_run("demo", "u1", "r", model::RunState::completed, "2026-01-01T00:00:00+00:00"));
    // Restricted (MLRun's default) refuses while anything is stored under the project, and
    // deletes nothing; cascading deletes it all.
    try {
        db->delete_project("demo", store::DeletionStrategy::restricted);
        FAIL("a restricted delete of a project with a run went through");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::failed);
        CHECK(std::string{error.what()}.find("related resources found: runs") != std::string::npos);
        CHECK(error.hint().find("--strategy cascading") != std::string::npos);
    }
    CHECK(db->find_run("demo", "u1", 0).has_value());
    CHECK(db->find_project("demo").has_value());
    db->delete_project("alpha", store::DeletionStrategy::restricted);  // empty: deleted
    CHECK_FALSE(db->find_project("alpha").has_value());
    db->delete_project("demo", store::DeletionStrategy::cascading);
    CHECK_FALSE(db->find_project("demo").has_value());
    CHECK_FALSE(db->find_run("demo", "u1", 0).has_value());
    try {
        db->delete_project("demo", store::DeletionStrategy::cascading);
        FAIL("deleting a missing project went through");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::not_found);
    }
}

void check_functions(const StoreFactory& make)
{
    auto db = make();
    model::Function function;
    function.kind = "job";
    function.metadata.name = "trainer";
    function.spec.image = "mlrun/mlrun";
    const auto first = db->store_function(function, "demo", "");
    CHECK(first.size() == 40);
    if (!db->is_remote()) {  // an API computes the hash itself
        CHECK(first == store::function_hash([&] {
                  auto copy = function;
                  copy.metadata.project = "demo";
                  return copy;
              }()));
    }
    function.spec.image = "mlrun/mlrun:1.7.0";
    const auto second = db->store_function(function, "demo", "v2");
    CHECK(second != first);
    CHECK(db->read_function("demo", "trainer", "", "").spec.image == "mlrun/mlrun");
    CHECK(db->read_function("demo", "trainer", "v2", "").spec.image == "mlrun/mlrun:1.7.0");
    CHECK(db->read_function("demo", "trainer", "", first).metadata.hash == first);
    CHECK_FALSE(db->find_function("demo", "trainer", "nope", "").has_value());
    // Storing the same content again keeps one version; "latest" moves to it.
    CHECK(db->store_function(function, "demo", "") == second);
    CHECK(db->read_function("demo", "trainer", "latest", "").spec.image == "mlrun/mlrun:1.7.0");
    // As MLRun lists them (golden rest/functions): latest and v2 (both the second version), and
    // the first version, now untagged, with tag "".
    const auto all = db->list_functions({.project = "demo"});
    CHECK(all.size() == 3);
    CHECK(std::count_if(all.begin(), all.end(), [&](const model::Function& f) {
              return f.metadata.tag.empty() && f.metadata.hash == first;
          }) == 1);
    CHECK(db->list_functions({.project = "demo", .tag = "*"}).size() == 2);  // tagged only
    CHECK(db->list_functions({.project = "demo", .tag = "v2"}).size() == 1);
    // Unversioned (as project sync stores): one record, replaced by the next such store.
    model::Function helper;
    helper.kind = "job";
    helper.metadata.name = "helper";
    db->store_function_unversioned(helper, "demo", "latest");
    helper.spec.image = "changed";
    db->store_function_unversioned(helper, "demo", "latest");
    const auto helpers = db->list_functions({.project = "demo", .name = "helper"});
    REQUIRE(helpers.size() == 1);
    CHECK(helpers[0].spec.image == "changed");
    CHECK(db->list_functions({.project = "other"}).empty());
    CHECK(db->delete_function("demo", "trainer") >= 1);  // versions the backend can count
    CHECK(db->list_functions({.project = "demo", .name = "trainer"}).empty());
    CHECK(db->list_functions({.project = "demo"}).size() == 1);  // the helper stays
}

void check_runs(const StoreFactory& make)
{
    using model::RunState;
    auto db = make();
    db->store_run(make_run("demo", "a", "train", RunState::completed, "2026-01-01T10:00:00+00:00"));
    db->store_run(make_run("demo", "b", "train", RunState::error, "2026-01-02T10:00:00+00:00"));
    db->store_run(make_run("demo", "c", "prep", RunState::running, "2026-01-03T10:00:00+00:00"));
    db->store_run(
        make_run("demo", "c", "prep", RunState::completed, "2026-01-03T10:00:00+00:00", 1));
    db->store_run(
        make_run("other", "d", "train", RunState::completed, "2026-01-04T10:00:00+00:00"));
    auto labelled = make_run("demo", "e", "eval", RunState::completed, "2026-01-05T10:00:00+00:00");
    labelled.metadata.labels["stage"] = "prod";
    db->store_run(labelled);

    CHECK(uids(db->list_runs({.project = "demo"})) == std::vector<std::string>{"e", "c", "b", "a"});
    CHECK(db->list_runs({.project = "demo", .all_iterations = true}).size() == 5);
    CHECK(db->list_runs({.project = "*"}).size() == 5);
    CHECK(uids(db->list_runs({.project = "demo", .sort = store::RunSort::oldest})).front() == "a");
    CHECK(uids(db->list_runs({.project = "demo", .name = "train"})) ==
          std::vector<std::string>{"b", "a"});
    CHECK(
        uids(db->list_runs({.project = "demo", .states = {RunState::error, RunState::running}})) ==
        std::vector<std::string>{"c", "b"});
    CHECK(uids(db->list_runs({.project = "demo", .labels = {"stage=prod"}})) ==
          std::vector<std::string>{"e"});
    CHECK(db->list_runs({.project = "demo", .labels = {"stage"}}).size() == 1);
    CHECK(db->list_runs({.project = "demo", .labels = {"owner=ci", "kind=local"}}).size() == 4);
    CHECK(db->list_runs({.project = "demo", .labels = {"owner=someone"}}).empty());
    const auto since = util::parse_iso("2026-01-02T00:00:00Z");
    const auto until = util::parse_iso("2026-01-04T00:00:00Z");
    CHECK(uids(db->list_runs({.project = "demo", .since = since, .until = until})) ==
          std::vector<std::string>{"c", "b"});
    CHECK(db->list_runs({.project = "demo", .limit = 2}).size() == 2);
    CHECK(uids(db->list_runs({.project = "demo", .limit = 2, .offset = 1})) ==
          std::vector<std::string>{"c", "b"});
    CHECK(uids(db->list_runs({.project = "demo", .offset = 3})) == std::vector<std::string>{"a"});
    CHECK(db->list_runs({.project = "demo", .uid = "c", .all_iterations = true}).size() == 2);

    // Update by dotted keys, find, abort.
    db->update_run("demo", "c", 0, {{"status.state", "error"}, {"status.error", "boom"}});
    const auto updated = db->read_run("demo", "c", 0);
    CHECK(updated.status.state == RunState::error);
    CHECK(updated.status.error == "boom");
    CHECK(updated.spec.parameters["lr"] == 0.1);
    CHECK_THROWS_AS(db->update_run("demo", "zzz", 0, {{"status.state", "error"}}), Error);
    db->store_run(make_run("demo", "f", "long", RunState::running, "2026-01-06T10:00:00+00:00"));
    db->abort_run("demo", "f", 0);
    CHECK(db->read_run("demo", "f", 0).status.state == RunState::aborted);
    CHECK_THROWS_AS(db->abort_run("demo", "f", 0), Error);
    CHECK_THROWS_AS(db->abort_run("demo", "nope", 0), Error);

    // A running run is refused, as an MLRun API refuses it; nothing goes.
    db->store_run(make_run("demo", "r", "busy", RunState::running, "2026-01-07T10:00:00+00:00"));
    db->append_log("demo", "r", "still going");
    CHECK_THROWS_AS(db->delete_run("demo", "r"), Error);
    CHECK(db->find_run("demo", "r", 0).has_value());
    CHECK(db->log_size("demo", "r") == 11);
    db->update_run("demo", "r", 0, {{"status.state", "completed"}});
    CHECK(db->delete_run("demo", "r") == 1);

    // Delete removes every iteration and the log.
    db->append_log("demo", "c", "log text");
    CHECK(db->delete_run("demo", "c") == 2);
    CHECK_FALSE(db->find_run("demo", "c", 1).has_value());
    CHECK(db->log_size("demo", "c") == 0);
    CHECK(db->delete_run("demo", "c") == 0);

    // Import is all or nothing, and idempotent.
    std::vector<model::Run> batch = {
        make_run("demo", "g", "x", RunState::completed, "2026-02-01T00:00:00Z"),
        make_run("demo", "h", "x", RunState::completed, "2026-02-02T00:00:00Z")};
    for (int round = 0; round < 2; ++round) {
        std::size_t next = 0;
        CHECK(db->import_runs([&](model::Run& run) {
            if (next == batch.size()) {
                return false;
            }
            run = batch[next++];
            return true;
        }) == 2);
    }
    CHECK(db->list_runs({.project = "demo", .name = "x"}).size() == 2);
    std::size_t calls = 0;
    CHECK_THROWS_AS(db->import_runs([&](model::Run& run) {
        if (++calls == 2) {
            throw Error("bad line", ErrorKind::usage);
        }
        run = make_run("demo", "i", "y", RunState::completed, "2026-02-03T00:00:00Z");
        return true;
    }),
                    Error);
    CHECK_FALSE(db->find_run("demo", "i", 0).has_value());

    // A summary listing still carries what the runs table shows.
    const auto summaries = db->list_runs({.project = "demo", .name = "x", .summary = true});
    REQUIRE(summaries.size() == 2);
    CHECK(summaries[0].metadata.uid == "h");
    CHECK(summaries[0].status.state == RunState::completed);
    CHECK(summaries[0].spec.parameters["lr"] == 0.1);
    CHECK(summaries[0].status.start_time == "2026-02-02T00:00:00Z");
    // ... and follows every change: results written later, the runner of a running run.
    auto running = make_run("demo", "r", "z", RunState::running, "2026-02-04T00:00:00Z");
    running.status.extra["runner"] = {{"host", "h1"}, {"pid", 42}, {"start", "7"}};
    db->store_run(running);
    db->update_run("demo", "r", 0, {{"status.results", {{"loss", 0.5}}}});
    const auto latest = db->list_runs({.project = "demo", .name = "z", .summary = true});
    REQUIRE(latest.size() == 1);
    CHECK(latest[0].status.results["loss"] == 0.5);
    CHECK(latest[0].status.extra["runner"]["pid"] == 42);
    CHECK(latest[0].status.start_time == "2026-02-04T00:00:00Z");

    std::size_t visited = 0;
    db->for_each_run({.project = "*", .all_iterations = true},
                     [&](const model::Run&) { ++visited; });
    CHECK(visited == db->list_runs({.project = "*", .all_iterations = true}).size());
}

void check_run_refs(const StoreFactory& make)
{
    using model::RunState;
    using store::resolve_run_ref;
    auto db = make();
    const std::string when = "2026-01-01T10:00:00+00:00";
    db->store_run(make_run("demo", "abc111", "train", RunState::completed, when));
    db->store_run(make_run("demo", "abc222", "train", RunState::completed, when));
    db->store_run(make_run("demo", "abc222", "train", RunState::completed, when, 1));
    db->store_run(make_run("demo", "abc", "short", RunState::completed, when));
    db->store_run(make_run("other", "fff999", "prep", RunState::completed, when));
    db->store_run(make_run("other", "abc111", "copy", RunState::completed, when));

    // A whole uid, and a unique prefix (iterations are one run), in the named project.
    CHECK(resolve_run_ref(*db, "demo", "x", "abc111").uid == "abc111");
    CHECK(resolve_run_ref(*db, "demo", "x", "abc2").uid == "abc222");
    // A whole uid wins over the longer uids it begins.
    CHECK(resolve_run_ref(*db, "demo", "x", "abc").uid == "abc");
    try {
        resolve_run_ref(*db, "demo", "x", "ab");
        FAIL("an ambiguous prefix resolved");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::usage);
        CHECK(std::string{error.what()}.find("abc111 (train, project demo)") != std::string::npos);
        CHECK(std::string{error.what()}.find("abc222") != std::string::npos);
    }
    try {
        resolve_run_ref(*db, "demo", "x", "fff");
        FAIL("a run of another project resolved");
    } catch (const Error& error) {
        CHECK(error.kind() == ErrorKind::not_found);
        CHECK(std::string{error.what()} == "run 'fff' not found in project 'demo'");
    }
    CHECK_THROWS_AS(resolve_run_ref(*db, "demo", "x", ""), Error);
    // Selectors: the newest run, and the ones before it, of any name.
    db->store_run(make_run("sel", "s1", "a", RunState::completed, "2026-01-02T10:00:00+00:00"));
    db->store_run(make_run("sel", "s2", "b", RunState::completed, "2026-01-03T10:00:00+00:00"));
    db->store_run(make_run("sel", "s3", "a", RunState::completed, "2026-01-04T10:00:00+00:00"));
    CHECK(resolve_run_ref(*db, "sel", "x", "latest").uid == "s3");
    CHECK(resolve_run_ref(*db, "sel", "x", "@-1").uid == "s2");
    CHECK(resolve_run_ref(*db, "sel", "x", "@-2").uid == "s1");
    CHECK(resolve_run_ref(*db, "sel", "x", "@-0").uid == "s3");
    CHECK_THROWS_AS(resolve_run_ref(*db, "sel", "x", "@-3"), Error);
    // No project given: the embedded store looks everywhere, an API in the default project.
    if (db->is_remote()) {
        CHECK(resolve_run_ref(*db, "", "other", "fff").uid == "fff999");
        CHECK_THROWS_AS(resolve_run_ref(*db, "", "demo", "fff"), Error);
    } else {
        const auto found = resolve_run_ref(*db, "", "demo", "fff");
        CHECK(found.project == "other");
        CHECK(found.uid == "fff999");
        // One uid in two projects names two runs.
        CHECK_THROWS_AS(resolve_run_ref(*db, "", "demo", "abc111"), Error);
    }
}

void check_logs(const StoreFactory& make)
{
    auto db = make();
    CHECK(db->log_size("demo", "u") == 0);
    CHECK(db->read_log("demo", "u", 0, 0).bytes.empty());
    db->append_log("demo", "u", "hello ");
    db->append_log("demo", "u", "");
    db->append_log("demo", "u", "world\n");
    db->append_log("demo", "u", std::string("\0\xff", 2));
    CHECK(db->log_size("demo", "u") == 14);
    CHECK(db->read_log("demo", "u", 0, 0).bytes == std::string("hello world\n\0\xff", 14));
    CHECK(db->read_log("demo", "u", 3, 0).bytes == std::string("lo world\n\0\xff", 11));
    CHECK(db->read_log("demo", "u", 3, 5).bytes == "lo wo");
    CHECK(db->read_log("demo", "u", 6, 6).bytes == "world\n");
    CHECK(db->read_log("demo", "u", 14, 0).bytes.empty());
    CHECK(db->read_log("demo", "u", 100, 0).bytes.empty());
    CHECK(db->read_log("demo", "u", 0, 0).state == model::RunState::unknown);
    db->store_run(make_run("demo", "u", "r", model::RunState::running, "2026-01-01T00:00:00Z"));
    CHECK(db->read_log("demo", "u", 0, 0).state == model::RunState::running);
    CHECK(db->log_size("demo", "other") == 0);
}

void check_artifacts(const StoreFactory& make)
{
    auto db = make();
    db->store_artifact(make_artifact("data", "run1", 0, "v1"), "");
    db->store_artifact(make_artifact("data", "run2", 0, "v2"), "prod");
    // latest points at the newest version; prod too.
    CHECK(db->read_artifact({.project = "demo", .key = "train_data"}).spec.inline_body == "v2");
    CHECK(
        db->read_artifact({.project = "demo", .key = "train_data", .tag = "prod"}).metadata.tree ==
        "run2");
    CHECK(db->read_artifact({.project = "demo", .key = "train_data", .tree = "run1"})
              .spec.inline_body == "v1");
    const auto first = db->read_artifact({.project = "demo", .key = "train_data", .tree = "run1"});
    CHECK(first.metadata.uid.size() == 40);
    CHECK(db->read_artifact({.project = "demo", .key = "train_data", .uid = first.metadata.uid})
              .metadata.tree == "run1");
    CHECK_FALSE(db->find_artifact({.project = "demo", .key = "nope"}).has_value());
    CHECK_THROWS_AS(db->read_artifact({.project = "demo", .key = "train_data", .tag = "nope"}),
                    Error);

    // Storing identical content again is one version, not two.
    db->store_artifact(make_artifact("data", "run2", 0, "v2"), "");
    CHECK(db->list_artifacts({.project = "demo", .tag = "latest"}).size() == 1);
    CHECK(db->list_artifacts({.project = "demo", .key = "train_data", .tree = "run1"}).size() == 1);
    CHECK(db->list_artifacts({.project = "demo", .labels = {"framework=sklearn"}}).size() >= 2);
    CHECK(db->list_artifacts({.project = "demo", .labels = {"framework=torch"}}).empty());

    // Tags move; untag removes.
    db->tag_artifact({.project = "demo", .key = "train_data", .tree = "run1"}, "prod");
    CHECK(
        db->read_artifact({.project = "demo", .key = "train_data", .tag = "prod"}).metadata.tree ==
        "run1");
    CHECK(db->untag_artifact("demo", "train_data", "prod") == 1);
    CHECK_FALSE(
        db->find_artifact({.project = "demo", .key = "train_data", .tag = "prod"}).has_value());
    CHECK_THROWS_AS(db->tag_artifact({.project = "demo", .key = "nope"}, "x"), Error);

    // Hyper-parameter trees: the best iteration through a link artifact.
    for (std::int64_t iter = 1; iter <= 3; ++iter) {
        db->store_artifact(make_artifact("model", "hyper", iter, "m" + std::to_string(iter)), "");
    }
    auto link = make_artifact("model", "hyper", 0, "");
    link.kind = "link";
    link.spec.inline_body = nullptr;
    link.spec.extra["link_iteration"] = 2;
    db->store_artifact(link, "");
    const auto best =
        db->list_artifacts({.project = "demo", .key = "train_model", .best_iteration = true});
    REQUIRE(best.size() >= 1);
    for (const auto& artifact : best) {
        CHECK(artifact.metadata.iter == 2);
    }
    CHECK(db->list_artifacts({.project = "demo", .key = "train_model", .iter = 3}).size() == 1);
    // As MLRun's API: the link is never listed; a tag it is stored with goes to the version it
    // points at.
    for (const auto& artifact : db->list_artifacts({.project = "demo", .key = "train_model"})) {
        CHECK(artifact.kind != "link");
    }
    db->store_artifact(link, "best");
    const auto best_tagged =
        db->list_artifacts({.project = "demo", .key = "train_model", .tag = "best"});
    REQUIRE(best_tagged.size() == 1);
    CHECK(best_tagged[0].metadata.iter == 2);

    // One version by tree: the other tree's version stays (an MLRun API deletes every version
    // of the key when only a tree is sent).
    CHECK(db->delete_artifact({.project = "demo", .key = "train_data", .tree = "run1"}) == 1);
    CHECK_FALSE(
        db->find_artifact({.project = "demo", .key = "train_data", .tree = "run1"}).has_value());
    CHECK(db->read_artifact({.project = "demo", .key = "train_data", .tree = "run2"})
              .spec.inline_body == "v2");
    CHECK(db->delete_artifact({.project = "demo", .key = "train_data", .tree = "run1"}) == 0);
    // One version by uid, one by tag: the others stay.
    db->store_artifact(make_artifact("data", "run3", 0, "v3"), "keep");
    db->store_artifact(make_artifact("data", "run4", 0, "v4"), "drop");
    const auto third = db->read_artifact({.project = "demo", .key = "train_data", .tree = "run3"});
    CHECK(db->delete_artifact(
              {.project = "demo", .key = "train_data", .uid = third.metadata.uid}) == 1);
    CHECK(db->delete_artifact({.project = "demo", .key = "train_data", .tag = "drop"}) == 1);
    CHECK(db->read_artifact({.project = "demo", .key = "train_data", .tree = "run2"})
              .spec.inline_body == "v2");
    CHECK_FALSE(
        db->find_artifact({.project = "demo", .key = "train_data", .tree = "run3"}).has_value());
    CHECK_FALSE(
        db->find_artifact({.project = "demo", .key = "train_data", .tree = "run4"}).has_value());
    // One iteration of a hyper-parameter tree by tree and iter: the other iterations stay.
    CHECK(db->delete_artifact(
              {.project = "demo", .key = "train_model", .tree = "hyper", .iter = 3}) == 1);
    CHECK(db->list_artifacts({.project = "demo", .key = "train_model", .iter = 1}).size() == 1);
    // Only a key: every version of it (iterations 1 and 2, and the link an API may not count).
    CHECK(db->delete_artifact({.project = "demo", .key = "train_model"}) >= 2);
    CHECK(db->list_artifacts({.project = "demo", .key = "train_model"}).empty());
}

void check_schedules(const StoreFactory& make)
{
    auto db = make();
    db->store_schedule(
        {"demo", "nightly", "job", "0 0 * * *", {{"scheduled_object", {{"task", "x"}}}}});
    db->store_schedule(
        {"demo", "nightly", "job", "0 1 * * *", {{"scheduled_object", {{"task", "y"}}}}});
    const auto schedules = db->list_schedules("demo");
    REQUIRE(schedules.size() == 1);
    CHECK(schedules[0].cron == "0 1 * * *");
    CHECK(db->list_schedules("*").size() == 1);
    CHECK(db->delete_schedule("demo", "nightly") == 1);
    CHECK(db->list_schedules("demo").empty());
}

}  // namespace mlrun::test
