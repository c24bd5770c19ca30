// The store's schema and its migrations.

#include "lib/store/sqlite/migrations.hpp"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <set>
#include <string>

#include "lib/error.hpp"

namespace mlrun::store::sqlite {
namespace {

// Objects are kept whole in MLRun's JSON shape (`body`); the other columns exist to filter and
// sort. Times are microseconds since the epoch (UTC).
constexpr const char* migrations[] = {
    // 1: the first schema
    R"sql(
CREATE TABLE projects (
    name        TEXT PRIMARY KEY,
    updated_us  INTEGER NOT NULL,
    body        TEXT NOT NULL
);

CREATE TABLE functions (
    id          INTEGER PRIMARY KEY,
    project     TEXT NOT NULL,
    name        TEXT NOT NULL,
    hash        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    updated_us  INTEGER NOT NULL,
    body        TEXT NOT NULL,
    UNIQUE (project, name, hash)
);
CREATE TABLE function_tags (
    project     TEXT NOT NULL,
    name        TEXT NOT NULL,
    tag         TEXT NOT NULL,
    function_id INTEGER NOT NULL REFERENCES functions(id) ON DELETE CASCADE,
    PRIMARY KEY (project, name, tag)
);
CREATE INDEX function_tags_by_function ON function_tags(function_id);

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    project     TEXT NOT NULL,
    uid         TEXT NOT NULL,
    iteration   INTEGER NOT NULL,
    name        TEXT NOT NULL,
    state       TEXT NOT NULL,
    sort_us     INTEGER NOT NULL,   -- start time, or creation time before the run started
    updated_us  INTEGER NOT NULL,
    body        TEXT NOT NULL,
    UNIQUE (project, uid, iteration)
);
CREATE INDEX runs_by_time ON runs(project, iteration, sort_us);
CREATE INDEX runs_by_time_all ON runs(sort_us);
CREATE INDEX runs_by_name ON runs(project, name, sort_us);
CREATE INDEX runs_by_state ON runs(project, state, sort_us);
CREATE INDEX runs_by_uid ON runs(uid);
CREATE TABLE run_labels (
    run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
) WITHOUT ROWID;
CREATE INDEX run_labels_by_key ON run_labels(key, value);

-- A run's log is a sequence of appended chunks, each at its byte offset in the stream, so
-- appending and reading from an offset touch only the chunks involved.
CREATE TABLE logs (
    project     TEXT NOT NULL,
    uid         TEXT NOT NULL,
    offset      INTEGER NOT NULL,
    data        BLOB NOT NULL,
    PRIMARY KEY (project, uid, offset)
) WITHOUT ROWID;

CREATE TABLE artifacts (
    id              INTEGER PRIMARY KEY,
    project         TEXT NOT NULL,
    key             TEXT NOT NULL,    -- the db key
    iter            INTEGER NOT NULL,
    tree            TEXT NOT NULL,
    uid             TEXT NOT NULL,    -- content hash of the object
    kind            TEXT NOT NULL,
    link_iteration  INTEGER,          -- link artifacts: the best iteration
    updated_us      INTEGER NOT NULL,
    body            TEXT NOT NULL,
    UNIQUE (project, key, iter, tree, uid)
);
CREATE INDEX artifacts_by_key ON artifacts(project, key, updated_us);
CREATE INDEX artifacts_by_tree ON artifacts(project, tree);
CREATE INDEX artifacts_by_time ON artifacts(project, updated_us);
CREATE TABLE artifact_tags (
    project     TEXT NOT NULL,
    key         TEXT NOT NULL,
    tag         TEXT NOT NULL,
    iter        INTEGER NOT NULL,
    artifact_id INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
    PRIMARY KEY (project, key, tag, iter)
);
CREATE INDEX artifact_tags_by_artifact ON artifact_tags(artifact_id);
CREATE TABLE artifact_labels (
    artifact_id INTEGER NOT NULL REFERENCES artifacts(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (artifact_id, key)
) WITHOUT ROWID;

CREATE TABLE schedules (
    project     TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    cron        TEXT NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (project, name)
);
)sql",
    // 2: the columns the artifacts table shows, so that listings need not parse documents
    R"sql(
ALTER TABLE artifacts ADD COLUMN plain_key TEXT;
ALTER TABLE artifacts ADD COLUMN target_path TEXT;
ALTER TABLE artifacts ADD COLUMN hash TEXT;
UPDATE artifacts SET plain_key = json_extract(body, '$.metadata.key'),
                     target_path = json_extract(body, '$.spec.target_path'),
                     hash = json_extract(body, '$.metadata.hash');
)sql",
    // 3: the columns the runs table shows (and a run's local runner, for the dead-runner check),
    //    so that listing runs costs the same whatever the size of their documents
    R"sql(
ALTER TABLE runs ADD COLUMN start_time TEXT;
ALTER TABLE runs ADD COLUMN parameters TEXT;
ALTER TABLE runs ADD COLUMN results TEXT;
ALTER TABLE runs ADD COLUMN runner TEXT;
UPDATE runs SET start_time = body ->> '$.status.start_time',
                parameters = body -> '$.spec.parameters',
                results = body -> '$.status.results',
                runner = body -> '$.status.runner';
)sql",
};

static_assert(std::size(migrations) == schema_version);

// PRAGMA application_id of a store: "MLRN". Stores written before it was set are recognised by
// their tables.
constexpr std::int64_t application_id = 0x4D4C524E;

std::int64_t read_application_id(Database& database)
{
    auto statement = database.prepare("PRAGMA application_id");
    statement.step();
    return statement.column_int(0);
}

// Throws, before anything is written, when the file holds another application's database.
// Returns whether the store still needs its application_id recorded.
bool refuse_foreign(Database& database, int version)
{
    const auto id = read_application_id(database);
    if (id == application_id) {
        return false;
    }
    std::set<std::string> tables;
    auto statement = database.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    while (statement.step()) {
        tables.insert(statement.column_text(0));
    }
    if (id == 0 && tables.empty() && version == 0) {
        return true;  // an empty file or an empty database: a new store
    }
    const bool ours = std::ranges::all_of(
        std::initializer_list<const char*>{"projects", "functions", "runs", "logs", "artifacts"},
        [&](const char* table) { return tables.contains(table); });
    if (id == 0 && version > 0 && ours) {
        return true;
    }
    std::string names;
    for (const auto& table : tables) {
        if (names.size() > 60) {
            names += ", ...";
            break;
        }
        names += (names.empty() ? "" : ", ") + table;
    }
    throw Error("'" + database.path() + "' is not an mlrun store (a SQLite database of another " +
                    "application" + (names.empty() ? std::string{} : ", with tables " + names) +
                    "); it was left untouched",
                ErrorKind::failed,
                "point MLRUN_DBPATH or --db at an mlrun store, an empty file or a new path");
}

int read_version(Database& database)
{
    auto statement = database.prepare("PRAGMA user_version");
    statement.step();
    return static_cast<int>(statement.column_int(0));
}

void refuse_newer(Database& database, int version)
{
    if (version > schema_version) {
        throw Error("store '" + database.path() +
                        "' was written by a newer mlrun (schema version " +
                        std::to_string(version) + ", this build knows up to " +
                        std::to_string(schema_version) + "); it was left untouched",
                    ErrorKind::failed, "upgrade mlrun, or point --db at another store");
    }
}

}  // namespace

bool holds_no_store(const std::string& path)
{
    Database database{path, OpenMode::read_only};
    auto statement = database.prepare("SELECT (SELECT user_version FROM pragma_user_version), "
                                      "(SELECT count(*) FROM sqlite_master)");
    statement.step();
    return statement.column_int(0) == 0 && statement.column_int(1) == 0;
}

void migrate(Database& database, OpenMode mode)
{
    // One snapshot for the identity check: another process may be creating the store now.
    int version = 0;
    bool unmarked = false;
    database.execute("BEGIN");
    try {
        version = read_version(database);
        unmarked = refuse_foreign(database, version);
        database.execute("COMMIT");
    } catch (...) {
        database.execute("ROLLBACK");
        throw;
    }
    refuse_newer(database, version);
    if (mode == OpenMode::read_write) {
        database.prepare_for_writing();
    }
    if (version == schema_version) {
        if (unmarked && mode == OpenMode::read_write) {
            Transaction transaction{database};
            database.execute("PRAGMA application_id = " + std::to_string(application_id));
            transaction.commit();
        }
        return;
    }
    if (mode == OpenMode::read_only) {
        // A reader of a store written by an older mlrun upgrades it once, through a second
        // connection that may write; this one then reads the new schema.
        std::unique_ptr<Database> writer;
        try {
            writer = std::make_unique<Database>(database.path(), OpenMode::read_write);
        } catch (const Error&) {
            // Not writable here (a shared, read-only copy): said below.
        }
        if (writer && !writer->read_only()) {
            migrate(*writer, OpenMode::read_write);
            return;
        }
        throw Error("store '" + database.path() +
                        "' uses an older schema and this user cannot write it to upgrade it",
                    ErrorKind::failed,
                    "run any mlrun command as a user that can write it, such as 'mlrun runs "
                    "import /dev/null'");
    }
    Transaction transaction{database};  // BEGIN IMMEDIATE: one process migrates, others wait
    version = read_version(database);   // another process may have finished meanwhile
    refuse_newer(database, version);
    for (int next = version + 1; next <= schema_version; ++next) {
        database.execute(migrations[next - 1]);
    }
    database.execute("PRAGMA user_version = " + std::to_string(schema_version));
    database.execute("PRAGMA application_id = " + std::to_string(application_id));
    transaction.commit();
}

}  // namespace mlrun::store::sqlite
