// lib/sync: store-to-store copies between two embedded stores (the same code drives an API).

#include <doctest/doctest.h>

#include "lib/store/sqlite/sqlite_run_db.hpp"
#include "lib/sync/sync.hpp"

namespace mlrun {
namespace {

using store::SqliteRunDB;
using store::sqlite::OpenMode;

std::unique_ptr<SqliteRunDB> memory_store()
{
    return std::make_unique<SqliteRunDB>(":memory:", OpenMode::read_write);
}

model::Run make_run(const std::string& uid, std::int64_t iteration, const std::string& updated)
{
    model::Run run;
    run.kind = "run";
    run.metadata.name = "train";
    run.metadata.uid = uid;
    run.metadata.project = "demo";
    run.metadata.iteration = iteration;
    run.spec.parameters = {{"lr", 0.1}};
    run.status.state = model::RunState::completed;
    run.status.results = {{"accuracy", 0.9}};
    run.status.start_time = "2026-01-01T10:00:00+00:00";
    run.status.last_update = updated;
    return run;
}

// A source with a project record, a function, a run with one iteration and a log, an artifact
// of it, and runs of a project it has no record of.
void fill(store::RunDB& db)
{
    model::Project project;
    project.metadata.name = "demo";
    db.store_project(project);
    model::Function function;
    function.kind = "job";
    function.metadata.name = "trainer";
    function.spec.image = "mlrun/mlrun";
    db.store_function(function, "demo", "latest");
    db.store_run(make_run("u1", 0, "2026-01-01T10:05:00+00:00"));
    db.store_run(make_run("u1", 1, "2026-01-01T10:04:00+00:00"));
    db.append_log("demo", "u1", "line one\nline two\n");
    model::Artifact artifact;
    artifact.metadata.key = "model";
    artifact.metadata.project = "demo";
    artifact.metadata.tree = "u1";
    artifact.metadata.hash = "abc";
    artifact.spec.target_path = "/data/model.pkl";
    db.store_artifact(artifact, "latest");
    auto orphan = make_run("u2", 0, "2026-01-02T10:00:00+00:00");
    orphan.metadata.project = "adhoc";
    db.store_run(orphan);
}

std::size_t at(const std::size_t (&counts)[5], sync::ItemKind kind)
{
    return counts[static_cast<std::size_t>(kind)];
}

}  // namespace

TEST_CASE("sync: everything is copied once; a second sync copies nothing")
{
    auto source = memory_store();
    auto target = memory_store();
    fill(*source);
    const auto first = sync::sync_stores(*source, *target, {});
    CHECK(first.failures.empty());
    CHECK(at(first.copied, sync::ItemKind::project) == 2);  // demo, and adhoc made for its run
    CHECK(at(first.copied, sync::ItemKind::function) == 1);
    CHECK(at(first.copied, sync::ItemKind::run) == 3);
    CHECK(at(first.copied, sync::ItemKind::log) == 1);
    CHECK(at(first.copied, sync::ItemKind::artifact) == 1);
    CHECK(first.log_bytes == 18);
    CHECK(target->read_run("demo", "u1", 1).status.results["accuracy"] == 0.9);
    CHECK(target->read_log("demo", "u1", 0, 0).bytes == "line one\nline two\n");
    CHECK(target->find_project("adhoc").has_value());
    CHECK(target->read_artifact({"demo", "model"}).spec.target_path == "/data/model.pkl");

    const auto second = sync::sync_stores(*source, *target, {});
    CHECK(second.copied_total() == 0);
    CHECK(at(second.present, sync::ItemKind::run) == 3);
    CHECK(at(second.present, sync::ItemKind::log) == 1);
    CHECK(target->read_log("demo", "u1", 0, 0).bytes == "line one\nline two\n");
}

TEST_CASE("sync: a log is resumed from what the target has; a newer run there is kept")
{
    auto source = memory_store();
    auto target = memory_store();
    fill(*source);
    sync::sync_stores(*source, *target, {});
    source->append_log("demo", "u1", "line three\n");
    auto newer = make_run("u1", 0, "2026-01-01T11:00:00+00:00");
    newer.status.results["accuracy"] = 0.95;  // changed on the target since
    target->store_run(newer);
    auto changed = make_run("u1", 1, "2026-01-01T10:30:00+00:00");
    changed.status.results["accuracy"] = 0.7;  // changed here later
    source->store_run(changed);

    std::vector<sync::ItemEvent> events;
    const auto report = sync::sync_stores(*source, *target, {},
                                          [&](const auto& event) { events.push_back(event); });
    CHECK(report.log_bytes == 11);  // only the missing end
    CHECK(target->read_log("demo", "u1", 0, 0).bytes == "line one\nline two\nline three\n");
    CHECK(at(report.kept_newer, sync::ItemKind::run) == 1);
    CHECK(target->read_run("demo", "u1", 0).status.results["accuracy"] == 0.95);
    CHECK(at(report.copied, sync::ItemKind::run) == 1);
    CHECK(target->read_run("demo", "u1", 1).status.results["accuracy"] == 0.7);
}

TEST_CASE("sync: a dry run decides everything and writes nothing; filters narrow it")
{
    auto source = memory_store();
    auto target = memory_store();
    fill(*source);
    sync::SyncOptions dry;
    dry.dry_run = true;
    const auto planned = sync::sync_stores(*source, *target, dry);
    CHECK(at(planned.copied, sync::ItemKind::run) == 3);
    CHECK(target->list_projects().empty());
    CHECK_FALSE(target->find_run("demo", "u1", 0).has_value());

    sync::SyncOptions only;
    only.projects = {"adhoc"};
    const auto narrowed = sync::sync_stores(*source, *target, only);
    CHECK(at(narrowed.copied, sync::ItemKind::run) == 1);
    CHECK_FALSE(target->find_project("demo").has_value());
}

}  // namespace mlrun
