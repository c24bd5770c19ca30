#include <doctest/doctest.h>

#include <csignal>
#include <cstdio>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/error.hpp"
#include "lib/store/open_run_db.hpp"
#include "lib/store/sqlite/database.hpp"
#include "lib/store/sqlite/migrations.hpp"
#include "lib/store/sqlite/sqlite_run_db.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/unit/store/run_db_contract.hpp"

using namespace mlrun;
using store::SqliteRunDB;
using store::sqlite::OpenMode;

namespace {

std::unique_ptr<store::RunDB> memory_store()
{
    return std::make_unique<SqliteRunDB>(":memory:", OpenMode::read_write);
}

model::Run numbered_run(int process, int index)
{
    model::Run run;
    run.metadata.project = "load";
    run.metadata.uid = "p" + std::to_string(process) + "-" + std::to_string(index);
    run.metadata.name = "worker-" + std::to_string(process);
    run.status.state = model::RunState::completed;
    run.status.start_time = util::format_iso(util::now_micros());
    return run;
}

}  // namespace

TEST_CASE("sqlite_run_db: the RunDB contract, in memory")
{
    test::check_projects(memory_store);
    test::check_functions(memory_store);
    test::check_runs(memory_store);
    test::check_run_refs(memory_store);
    test::check_logs(memory_store);
    test::check_artifacts(memory_store);
    test::check_schedules(memory_store);
}

TEST_CASE("sqlite_run_db: the RunDB contract, on a file")
{
    test::TempDir dir;
    int counter = 0;
    const auto file_store = [&]() -> std::unique_ptr<store::RunDB> {
        return std::make_unique<SqliteRunDB>(
            (dir / ("s" + std::to_string(counter++) + ".db")).string(), OpenMode::read_write);
    };
    test::check_runs(file_store);
    test::check_logs(file_store);
    test::check_artifacts(file_store);
}

TEST_CASE("sqlite_run_db: store paths")
{
    test::TempDir dir;
    CHECK(store::store_path("", "/h/.mlrun") == "/h/.mlrun/mlrun.db");
    CHECK(store::store_path("sqlite:////abs/x.db", "/h") == "/abs/x.db");
    CHECK(store::store_path("sqlite:///rel/x.db", "/h") == "rel/x.db");
    CHECK(store::store_path(dir.path().string(), "/h") == (dir / "mlrun.db").string());
    CHECK(store::store_path("/some/file.db", "/h") == "/some/file.db");
    CHECK_THROWS_AS(store::store_path("sqlite:///", "/h"), Error);
    CHECK_THROWS_AS(store::open_run_db("ftp://x", "/h", store::Access::read), Error);
}

TEST_CASE("sqlite_run_db: reading a missing store creates nothing")
{
    test::TempDir dir;
    auto db = store::open_run_db("", (dir / "home").string(), store::Access::read);
    CHECK(db->list_runs({.project = "*"}).empty());
    CHECK_FALSE(std::filesystem::exists(dir / "home"));
    auto writable = store::open_run_db("", (dir / "home").string(), store::Access::write);
    CHECK(std::filesystem::exists(dir / "home" / "mlrun.db"));
}

TEST_CASE("sqlite_run_db: hostile files are refused and left untouched")
{
    test::TempDir dir;
    const std::string garbage = "this is not a database, just some text\n";
    const auto text_file = dir.write("notes.db", garbage);
    for (const auto mode : {OpenMode::read_only, OpenMode::read_write}) {
        CHECK_THROWS_WITH_AS(SqliteRunDB(text_file.string(), mode),
                             doctest::Contains("is not an mlrun store"), Error);
        CHECK(test::read_text(text_file) == garbage);
    }

    // A store written by a newer schema version.
    const auto newer = (dir / "newer.db").string();
    {
        SqliteRunDB db{newer, OpenMode::read_write};
        db.store_run(numbered_run(0, 0));
    }
    {
        store::sqlite::Database raw{newer, OpenMode::read_write};
        raw.execute("PRAGMA user_version = " + std::to_string(store::sqlite::schema_version + 1));
    }
    const auto before = test::read_text(newer);
    CHECK_THROWS_WITH_AS(SqliteRunDB(newer, OpenMode::read_write),
                         doctest::Contains("was written by a newer mlrun"), Error);
    CHECK(test::read_text(newer) == before);

    // A truncated (corrupt) store.
    const auto corrupt = (dir / "corrupt.db").string();
    {
        SqliteRunDB db{corrupt, OpenMode::read_write};
        for (int i = 0; i < 200; ++i) {
            db.store_run(numbered_run(0, i));
        }
    }
    {
        store::sqlite::Database raw{corrupt, OpenMode::read_write};
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    std::filesystem::resize_file(corrupt, 4096 + 100);
    const auto read_corrupt = [&] {
        SqliteRunDB db(corrupt, OpenMode::read_only);
        db.list_runs({.project = "*"});
    };
    CHECK_THROWS_AS(read_corrupt(), Error);
}

TEST_CASE("sqlite_run_db: another application's database is refused, byte for byte untouched")
{
    test::TempDir dir;
    const auto path = (dir / "app.db").string();
    {
        store::sqlite::Database raw{path, OpenMode::read_write};
        raw.execute("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)");
        raw.execute("INSERT INTO customers(name) VALUES('ada')");
    }
    const auto before = test::read_text(path);
    for (const auto mode : {OpenMode::read_only, OpenMode::read_write}) {
        CHECK_THROWS_WITH_AS(SqliteRunDB(path, mode),
                             doctest::Contains("is not an mlrun store (a SQLite database of "
                                               "another application, with tables customers)"),
                             Error);
        CHECK(test::read_text(path) == before);
        CHECK_FALSE(std::filesystem::exists(path + "-wal"));
    }
    // An application that uses the same table names still has its own application_id.
    {
        store::sqlite::Database raw{path, OpenMode::read_write};
        raw.execute("PRAGMA application_id = 42");
    }
    CHECK_THROWS_WITH_AS(SqliteRunDB(path, OpenMode::read_write),
                         doctest::Contains("is not an mlrun store"), Error);
}

TEST_CASE("sqlite_run_db: an empty file becomes a store; a store from before the id is kept")
{
    test::TempDir dir;
    const auto empty = dir.write("empty.db", "").string();
    SqliteRunDB{empty, OpenMode::read_write}.store_run(numbered_run(0, 0));
    CHECK(SqliteRunDB{empty, OpenMode::read_only}.list_runs({.project = "load"}).size() == 1);

    {
        store::sqlite::Database raw{empty, OpenMode::read_write};
        raw.execute("PRAGMA application_id = 0");  // as stores were written before it was set
    }
    CHECK(SqliteRunDB{empty, OpenMode::read_only}.list_runs({.project = "load"}).size() == 1);
    SqliteRunDB{empty, OpenMode::read_write}.store_run(numbered_run(0, 1));
    store::sqlite::Database raw{empty, OpenMode::read_only};
    auto id = raw.prepare("PRAGMA application_id");
    REQUIRE(id.step());
    CHECK(id.column_int(0) == 0x4D4C524E);
}

TEST_CASE("sqlite_run_db: a FIFO or a device is refused at once, not waited on")
{
    test::TempDir dir;
    const auto fifo = (dir / "pipe.db").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    for (const auto mode : {OpenMode::read_only, OpenMode::read_write}) {
        CHECK_THROWS_WITH_AS(SqliteRunDB(fifo, mode), doctest::Contains("is not a regular file"),
                             Error);
    }
    CHECK_THROWS_WITH_AS(SqliteRunDB("/dev/null", OpenMode::read_write),
                         doctest::Contains("is not a regular file"), Error);
}

TEST_CASE("sqlite_run_db: a store in a folder the user cannot write can still be read")
{
    test::TempDir dir;
    const auto folder = dir / "shared";
    std::filesystem::create_directories(folder);
    const auto path = (folder / "mlrun.db").string();
    SqliteRunDB{path, OpenMode::read_write}.store_run(numbered_run(0, 0));
    {
        store::sqlite::Database raw{path, OpenMode::read_write};
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    ::chmod(dir.path().c_str(), 0755);
    ::chmod(folder.c_str(), 0555);
    ::chmod(path.c_str(), 0444);
    // Read as an unprivileged user (root could write anyway), in a child process.
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        int code = 0;
        try {
            if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) {
                ::_exit(3);
            }
            SqliteRunDB reader{path, OpenMode::read_only};
            code = reader.list_runs({.project = "load"}).size() == 1 ? 0 : 1;
        } catch (...) {
            code = 2;
        }
        ::_exit(code);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::chmod(folder.c_str(), 0755);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("sqlite_run_db: read-only stores and full disks give clear errors")
{
    test::TempDir dir;
    const auto path = (dir / "ro.db").string();
    SqliteRunDB{path, OpenMode::read_write}.store_run(numbered_run(0, 0));
    SqliteRunDB reader{path, OpenMode::read_only};
    CHECK(reader.list_runs({.project = "load"}).size() == 1);
    CHECK_THROWS_WITH_AS(reader.store_run(numbered_run(0, 1)), doctest::Contains("is read-only"),
                         Error);

    store::sqlite::Database raw{(dir / "full.db").string(), OpenMode::read_write};
    raw.execute("CREATE TABLE t(x BLOB)");
    raw.execute("PRAGMA max_page_count = 8");
    CHECK_THROWS_WITH_AS(raw.prepare("INSERT INTO t VALUES(zeroblob(1000000))").run(),
                         doctest::Contains("disk full"), Error);
}

TEST_CASE("sqlite_run_db: 8 processes write runs and logs at once; nothing is lost")
{
    test::TempDir dir;
    const auto path = (dir / "shared.db").string();
    constexpr int processes = 8;
    constexpr int runs_each = 200;
    std::vector<pid_t> children;
    for (int p = 0; p < processes; ++p) {
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            int code = 0;
            try {
                SqliteRunDB db{path, OpenMode::read_write};  // all migrate at once, too
                for (int i = 0; i < runs_each; ++i) {
                    const auto run = numbered_run(p, i);
                    db.store_run(run);
                    db.append_log("load", "shared-log",
                                  "p" + std::to_string(p) + ":" + std::to_string(i) + ";");
                    db.append_log("load", run.metadata.uid, "line " + std::to_string(i) + "\n");
                }
            } catch (const std::exception& error) {
                std::fprintf(stderr, "writer %d: %s\n", p, error.what());
                code = 1;
            }
            ::_exit(code);
        }
        children.push_back(pid);
    }
    for (const auto pid : children) {
        int status = 0;
        ::waitpid(pid, &status, 0);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
    }
    SqliteRunDB db{path, OpenMode::read_only};
    CHECK(db.list_runs({.project = "load"}).size() == processes * runs_each);
    const auto shared = db.read_log("load", "shared-log", 0, 0).bytes;
    for (int p = 0; p < processes; ++p) {
        for (int i = 0; i < runs_each; ++i) {
            const auto piece = "p" + std::to_string(p) + ":" + std::to_string(i) + ";";
            CHECK_MESSAGE(shared.find(piece) != std::string::npos, piece);
        }
        CHECK(db.log_size("load", "p" + std::to_string(p) + "-7") ==
              std::string("line 7\n").size());
    }
}

TEST_CASE("sqlite_run_db: SIGKILL mid-write loses nothing committed")
{
    test::TempDir dir;
    const auto path = (dir / "killed.db").string();
    SqliteRunDB{path, OpenMode::read_write};  // create before the race
    int pipe_fds[2];
    REQUIRE(::pipe(pipe_fds) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(pipe_fds[0]);
        SqliteRunDB db{path, OpenMode::read_write};
        std::vector<model::Run> batch;
        for (int i = 0;; ++i) {
            // Big imports keep a transaction open most of the time, so the kill lands inside one.
            std::size_t next = 0;
            db.import_runs([&](model::Run& run) {
                if (next == 50) {
                    return false;
                }
                run = numbered_run(i, static_cast<int>(next++));
                return true;
            });
            const int committed = (i + 1) * 50;
            [[maybe_unused]] const auto ignored =
                ::write(pipe_fds[1], &committed, sizeof committed);
        }
    }
    ::close(pipe_fds[1]);
    int committed = 0;
    int latest = 0;
    while (latest < 500 && ::read(pipe_fds[0], &latest, sizeof latest) == sizeof latest) {
        committed = latest;
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    while (::read(pipe_fds[0], &latest, sizeof latest) == sizeof latest) {
        committed = latest;
    }
    ::close(pipe_fds[0]);
    CHECK(WIFSIGNALED(status));
    SqliteRunDB db{path, OpenMode::read_write};
    const auto stored = db.list_runs({.project = "load"}).size();
    CHECK(stored >= static_cast<std::size_t>(committed));
    CHECK(stored % 50 == 0);  // whole transactions only
    store::sqlite::Database raw{path, OpenMode::read_only};
    auto check = raw.prepare("PRAGMA integrity_check");
    REQUIRE(check.step());
    CHECK(check.column_text(0) == "ok");
}

TEST_CASE("sqlite_run_db: migrations run once and are recorded")
{
    test::TempDir dir;
    const auto path = (dir / "m.db").string();
    SqliteRunDB{path, OpenMode::read_write};
    SqliteRunDB{path, OpenMode::read_write};
    store::sqlite::Database raw{path, OpenMode::read_only};
    auto version = raw.prepare("PRAGMA user_version");
    REQUIRE(version.step());
    CHECK(version.column_int(0) == store::sqlite::schema_version);
}

TEST_CASE("sqlite_run_db: a store of schema 2 is upgraded by its first reader, runs intact")
{
    test::TempDir dir;
    const auto path = (dir / "v2.db").string();
    auto run = numbered_run(0, 0);
    run.spec.parameters = {{"lr", 0.1}};
    run.status.results = {{"loss", 0.25}};
    SqliteRunDB{path, OpenMode::read_write}.store_run(run);
    {
        // Schema 2 is schema 3 without the runs' summary columns.
        store::sqlite::Database raw{path, OpenMode::read_write};
        raw.execute("ALTER TABLE runs DROP COLUMN start_time; ALTER TABLE runs DROP COLUMN "
                    "parameters; ALTER TABLE runs DROP COLUMN results; ALTER TABLE runs DROP "
                    "COLUMN runner; PRAGMA user_version = 2");
    }
    SqliteRunDB reader{path, OpenMode::read_only};  // as `mlrun get runs` opens it
    const auto summaries = reader.list_runs({.project = "load", .summary = true});
    REQUIRE(summaries.size() == 1);
    CHECK(summaries[0].status.start_time == run.status.start_time);
    CHECK(summaries[0].spec.parameters == run.spec.parameters);
    CHECK(summaries[0].status.results == run.status.results);
    store::sqlite::Database raw{path, OpenMode::read_only};
    auto version = raw.prepare("PRAGMA user_version");
    REQUIRE(version.step());
    CHECK(version.column_int(0) == store::sqlite::schema_version);
}

TEST_CASE("sqlite_run_db: the last lines of a long log are found from its end")
{
    SqliteRunDB db{":memory:", OpenMode::read_write};
    std::string log;
    for (int i = 0; i < 200'000; ++i) {
        log += "line " + std::to_string(i) + "\n";
    }
    for (std::size_t at = 0; at < log.size(); at += 1'000'000) {
        db.append_log("p", "u", std::string_view{log}.substr(at, 1'000'000));
    }
    const auto tail = [&](std::size_t lines) {
        return db.read_log("p", "u", db.log_tail_offset("p", "u", lines), 0).bytes;
    };
    CHECK(tail(1) == "line 199999\n");
    CHECK(tail(3) == "line 199997\nline 199998\nline 199999\n");
    const auto many = tail(150'000);  // spans several windows
    CHECK(many.starts_with("line 50000\n"));
    CHECK(tail(500'000) == log);
    db.append_log("p", "v", "no newline at all");
    CHECK(db.log_tail_offset("p", "v", 2) == 0);
    db.append_log("p", "w", "a\nb");
    CHECK(db.read_log("p", "w", db.log_tail_offset("p", "w", 1), 0).bytes == "b");
}

TEST_CASE("sqlite_run_db: a store read until its first write (what commands use)")
{
    test::TempDir dir;
    const auto path = (dir / "lazy" / "mlrun.db").string();
    auto db = store::open_run_db(path, dir.path().string(), store::Access::read_then_write, {});
    CHECK(db->list_runs({.project = "load"}).empty());
    CHECK_FALSE(std::filesystem::exists(path));  // reading created nothing
    db->store_run(numbered_run(0, 0));
    CHECK(std::filesystem::exists(path));
    db->store_run(numbered_run(0, 1));
    // A write from inside a listing (the dead-runner check does it): the reading connection
    // the upgrade replaced stays valid until the store goes.
    auto fresh = store::open_run_db(path, dir.path().string(), store::Access::read_then_write, {});
    std::size_t seen = 0;
    fresh->for_each_run({.project = "load"}, [&](const model::Run& run) {
        ++seen;
        fresh->update_run(run.metadata.project, run.metadata.uid, 0, {{"status.error", "x"}});
    });
    CHECK(seen == 2);
    CHECK(fresh->read_run("load", "p0-0", 0).status.error == "x");
}
