// The embedded run store: runs and their logs.

#include "lib/store/sqlite/sqlite_run_db.hpp"

#include "lib/error.hpp"
#include "lib/store/sqlite/query.hpp"

namespace mlrun::store {

using sqlite::Query;
using sqlite::Transaction;

namespace {

std::string label_text(const Json& value)
{
    return value.is_string() ? value.get<std::string>() : value.dump();
}

// A run's columns beside its document: what listings filter, sort and show without parsing it.
struct RunColumns
{
    std::string project;
    std::optional<util::Micros> start;
    util::Micros updated = 0;
    std::optional<std::string> start_time, parameters, results, runner;
};

std::optional<std::string> json_column(const Json* value)
{
    if (value == nullptr || value->is_null()) {
        return std::nullopt;
    }
    return value->dump(-1, ' ', false, Json::error_handler_t::replace);
}

RunColumns run_columns(const model::Run& run, util::Micros now)
{
    RunColumns columns;
    columns.project = run.metadata.project.empty() ? std::string{"default"} : run.metadata.project;
    columns.start = util::parse_iso(run.status.start_time);
    columns.updated = util::parse_iso(run.status.last_update).value_or(now);
    if (!run.status.start_time.empty()) {
        columns.start_time = run.status.start_time;
    }
    columns.parameters = json_column(&run.spec.parameters);
    columns.results = json_column(&run.status.results);
    const auto runner = run.status.extra.find("runner");
    columns.runner = json_column(runner == run.status.extra.end() ? nullptr : &*runner);
    return columns;
}

void bind_text(sqlite::Statement& statement, int index, const std::optional<std::string>& text)
{
    if (text) {
        statement.bind(index, *text);
    } else {
        statement.bind_null(index);
    }
}

std::string order_by(RunSort sort)
{
    switch (sort) {
    case RunSort::newest: return " ORDER BY sort_us DESC, id DESC";
    case RunSort::oldest: return " ORDER BY sort_us ASC, id ASC";
    case RunSort::name: return " ORDER BY name ASC, sort_us DESC";
    case RunSort::state: return " ORDER BY state ASC, sort_us DESC";
    case RunSort::updated: return " ORDER BY updated_us DESC, id DESC";
    }
    return {};
}

// LIMIT/OFFSET of a listing (SQLite needs a LIMIT before an OFFSET: -1 is none).
std::string page_clause(const RunFilter& filter)
{
    if (filter.limit == 0 && filter.offset == 0) {
        return {};
    }
    std::string clause =
        " LIMIT " + (filter.limit > 0 ? std::to_string(filter.limit) : std::string{"-1"});
    if (filter.offset > 0) {
        clause += " OFFSET " + std::to_string(filter.offset);
    }
    return clause;
}

Query run_query(const RunFilter& filter)
{
    Query query;
    if (!filter.project.empty() && filter.project != all_projects) {
        query.where("project = ?", filter.project);
    }
    if (!filter.uid.empty() && filter.uid_prefix) {
        // A range, so the (project, uid) index serves it; uids are printable ASCII, below DEL.
        query.where("uid >= ? AND uid < ?", filter.uid, filter.uid + '\x7f');
    } else if (!filter.uid.empty()) {
        query.where("uid = ?", filter.uid);
    }
    if (filter.iteration) {
        query.where("iteration = ?", *filter.iteration);
    } else if (!filter.all_iterations) {
        query.where("iteration = ?", std::int64_t{0});
    }
    if (!filter.name.empty()) {
        query.where("name = ?", filter.name);
    }
    if (!filter.states.empty()) {
        std::string condition = "state IN (";
        for (std::size_t i = 0; i < filter.states.size(); ++i) {
            // Fixed words from the RunState enum, safe to inline.
            condition +=
                (i == 0 ? "'" : ", '") + std::string{model::to_string(filter.states[i])} + "'";
        }
        query.where(condition + ")");
    }
    if (filter.since) {
        query.where("sort_us >= ?", *filter.since);
    }
    if (filter.until) {
        query.where("sort_us < ?", *filter.until);
    }
    if (!filter.runner_host.empty()) {
        query.where("json_extract(runner, '$.host') = ?", filter.runner_host);
    }
    query.where_labels(filter.labels, "run_labels", "run_id", "runs.id");
    return query;
}

}  // namespace

void SqliteRunDB::write_run(const model::Run& run, const Json* document)
{
    if (run.metadata.uid.empty()) {
        throw Error("cannot store a run without a uid", ErrorKind::usage);
    }
    const auto columns = run_columns(run, util::now_micros());
    auto& statement = m_database.cached(
        "INSERT INTO runs(project, uid, iteration, name, state, sort_us, updated_us, body, "
        "start_time, parameters, results, runner) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?10, ?11, ?12, ?13) "
        "ON CONFLICT(project, uid, iteration) DO UPDATE SET name = excluded.name, "
        "state = excluded.state, sort_us = CASE WHEN ?9 THEN excluded.sort_us ELSE runs.sort_us "
        "END, updated_us = excluded.updated_us, body = excluded.body, "
        "start_time = excluded.start_time, parameters = excluded.parameters, "
        "results = excluded.results, runner = excluded.runner RETURNING id");
    statement.bind(1, columns.project)
        .bind(2, run.metadata.uid)
        .bind(3, run.metadata.iteration)
        .bind(4, run.metadata.name)
        .bind(5, model::to_string(run.status.state))
        .bind(6, columns.start.value_or(columns.updated))
        .bind(7, columns.updated)
        .bind(8, (document != nullptr ? *document : model::to_json(run))
                     .dump(-1, ' ', false, Json::error_handler_t::replace))
        .bind(9, std::int64_t{columns.start.has_value() ? 1 : 0});
    bind_text(statement, 10, columns.start_time);
    bind_text(statement, 11, columns.parameters);
    bind_text(statement, 12, columns.results);
    bind_text(statement, 13, columns.runner);
    statement.step();
    const auto id = statement.column_int(0);
    statement.reset();
    m_database.cached("DELETE FROM run_labels WHERE run_id = ?1").bind(1, id).run();
    if (!run.metadata.labels.empty()) {
        auto& insert =
            m_database.cached("INSERT INTO run_labels(run_id, key, value) VALUES(?1, ?2, ?3)");
        for (auto it = run.metadata.labels.begin(); it != run.metadata.labels.end(); ++it) {
            insert.bind(1, id).bind(2, it.key()).bind(3, label_text(it.value()));
            insert.run();
        }
    }
}

void SqliteRunDB::store_run(const model::Run& run)
{
    Transaction transaction{m_database};
    write_run(run);
    transaction.commit();
}

std::size_t SqliteRunDB::import_runs(const std::function<bool(model::Run&)>& next)
{
    // 1. Every run is read, checked and staged in this connection's TEMP database, which takes
    //    no lock on the store: a slow or waiting input (stdin) holds no other writer up.
    m_database.execute(
        "CREATE TEMP TABLE IF NOT EXISTS import_runs(seq INTEGER PRIMARY KEY, project TEXT, "
        "uid TEXT, iteration INTEGER, name TEXT, state TEXT, sort_us INTEGER, has_start INTEGER, "
        "updated_us INTEGER, body TEXT, start_time TEXT, parameters TEXT, results TEXT, "
        "runner TEXT, UNIQUE(project, uid, iteration));"
        "CREATE TEMP TABLE IF NOT EXISTS import_labels(seq INTEGER, key TEXT, value TEXT, "
        "PRIMARY KEY(seq, key));"
        "DELETE FROM temp.import_runs; DELETE FROM temp.import_labels");
    struct Cleanup
    {
        sqlite::Database& database;
        bool staging = false;
        ~Cleanup()
        {
            try {
                if (staging) {
                    database.execute("ROLLBACK");
                }
                database.execute("DELETE FROM temp.import_runs; DELETE FROM temp.import_labels");
            } catch (...) {
            }
        }
    } cleanup{m_database};
    std::size_t count = 0;
    model::Run run;
    const auto now = util::now_micros();
    m_database.execute("BEGIN");  // a transaction on TEMP tables only: no lock on the store
    cleanup.staging = true;
    while (next(run)) {
        if (run.metadata.uid.empty()) {
            throw Error("cannot store a run without a uid", ErrorKind::usage);
        }
        const auto columns = run_columns(run, now);
        auto& stage = m_database.cached(
            "INSERT OR REPLACE INTO temp.import_runs(seq, project, uid, iteration, name, state, "
            "sort_us, has_start, updated_us, body, start_time, parameters, results, runner) "
            "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
        const auto seq = static_cast<std::int64_t>(++count);
        stage.bind(1, seq)
            .bind(2, columns.project)
            .bind(3, run.metadata.uid)
            .bind(4, run.metadata.iteration)
            .bind(5, run.metadata.name)
            .bind(6, model::to_string(run.status.state))
            .bind(7, columns.start.value_or(columns.updated))
            .bind(8, std::int64_t{columns.start.has_value() ? 1 : 0})
            .bind(9, columns.updated)
            .bind(10, model::to_json(run).dump(-1, ' ', false, Json::error_handler_t::replace));
        bind_text(stage, 11, columns.start_time);
        bind_text(stage, 12, columns.parameters);
        bind_text(stage, 13, columns.results);
        bind_text(stage, 14, columns.runner);
        stage.run();
        auto& label =
            m_database.cached("INSERT OR REPLACE INTO temp.import_labels VALUES(?1, ?2, ?3)");
        for (auto it = run.metadata.labels.begin(); it != run.metadata.labels.end(); ++it) {
            label.bind(1, seq).bind(2, it.key()).bind(3, label_text(it.value()));
            label.run();
        }
    }
    m_database.execute("COMMIT");
    cleanup.staging = false;
    // 2. One short transaction of set-wise SQL moves them in: all or nothing, even when killed.
    Transaction transaction{m_database};
    static constexpr std::string_view upsert =
        "INSERT INTO runs(project, uid, iteration, name, state, sort_us, updated_us, body, "
        "start_time, parameters, results, runner) "
        "SELECT project, uid, iteration, name, state, sort_us, updated_us, body, start_time, "
        "parameters, results, runner FROM temp.import_runs WHERE has_start = ";
    static constexpr std::string_view replaced =
        "updated_us = excluded.updated_us, body = excluded.body, start_time = "
        "excluded.start_time, parameters = excluded.parameters, results = excluded.results, "
        "runner = excluded.runner";
    m_database.execute(std::string{upsert} +
                       "1 ON CONFLICT(project, uid, iteration) DO UPDATE SET name = "
                       "excluded.name, state = excluded.state, sort_us = excluded.sort_us, " +
                       std::string{replaced});
    m_database.execute(std::string{upsert} +
                       "0 ON CONFLICT(project, uid, iteration) DO UPDATE SET name = "
                       "excluded.name, state = excluded.state, " +
                       std::string{replaced});
    m_database.execute(
        "DELETE FROM run_labels WHERE run_id IN (SELECT r.id FROM runs r JOIN temp.import_runs s "
        "ON r.project = s.project AND r.uid = s.uid AND r.iteration = s.iteration);"
        "INSERT INTO run_labels(run_id, key, value) SELECT r.id, l.key, l.value "
        "FROM temp.import_labels l JOIN temp.import_runs s ON l.seq = s.seq "
        "JOIN runs r ON r.project = s.project AND r.uid = s.uid AND r.iteration = s.iteration");
    transaction.commit();
    return count;
}

void SqliteRunDB::update_run(const std::string& project, const std::string& uid,
                             std::int64_t iteration, const Json& updates)
{
    Transaction transaction{m_database};
    auto body = run_document(project, uid, iteration);
    if (!body) {
        throw Error("run '" + uid + "' not found in project '" + project + "'",
                    ErrorKind::not_found);
    }
    // The stored document changed only where the updates say.
    apply_dotted_updates(*body, updates);
    write_run(model::run_from_json(*body), &*body);
    transaction.commit();
}

bool SqliteRunDB::update_run_if_state(const std::string& project, const std::string& uid,
                                      std::int64_t iteration, model::RunState expected,
                                      const Json& updates)
{
    Transaction transaction{m_database};  // BEGIN IMMEDIATE: no writer between read and write
    auto run = find_run(project, uid, iteration);
    if (!run) {
        throw Error("run '" + uid + "' not found in project '" + project + "'",
                    ErrorKind::not_found);
    }
    if (run->status.state != expected) {
        return false;
    }
    auto body = run_document(project, uid, iteration);
    apply_dotted_updates(*body, updates);
    write_run(model::run_from_json(*body), &*body);
    transaction.commit();
    return true;
}

std::optional<Json> SqliteRunDB::run_document(const std::string& project, const std::string& uid,
                                              std::int64_t iteration)
{
    auto statement = m_database.prepare(
        "SELECT body FROM runs WHERE project = ?1 AND uid = ?2 AND iteration = ?3");
    statement.bind(1, project).bind(2, uid).bind(3, iteration);
    if (!statement.step()) {
        return std::nullopt;
    }
    return parse_json(statement.column_text(0));
}

void SqliteRunDB::store_run_document(const Json& document)
{
    Transaction transaction{m_database};
    write_run(model::run_from_json(document), &document);
    transaction.commit();
}

std::optional<Json> SqliteRunDB::find_run_document(const std::string& project,
                                                   const std::string& uid, std::int64_t iteration)
{
    return run_document(project, uid, iteration);
}

void SqliteRunDB::for_each_run_document(const RunFilter& filter,
                                        const std::function<void(const Json&)>& visit)
{
    scan_run_documents(filter, [&](Json&& document) { visit(document); });
}

void SqliteRunDB::scan_run_documents(const RunFilter& filter,
                                     const std::function<void(Json&&)>& visit)
{
    const auto query = run_query(filter);
    auto statement = m_database.prepare("SELECT body FROM runs" + query.clause() +
                                        order_by(filter.sort) + page_clause(filter));
    query.bind(statement);
    while (statement.step()) {
        visit(parse_json(statement.column_text(0)));
    }
}

std::optional<model::Run> SqliteRunDB::find_run(const std::string& project, const std::string& uid,
                                                std::int64_t iteration)
{
    auto document = run_document(project, uid, iteration);
    if (!document) {
        return std::nullopt;
    }
    return model::run_from_json(std::move(*document));
}

void SqliteRunDB::for_each_run(const RunFilter& filter,
                               const std::function<void(const model::Run&)>& visit)
{
    if (!filter.summary) {
        scan_run_documents(
            filter, [&](Json&& document) { visit(model::run_from_json(std::move(document))); });
        return;
    }
    // A summary is read from columns only, without parsing run documents.
    const auto query = run_query(filter);
    auto statement = m_database.prepare(
        "SELECT name, uid, iteration, project, state, start_time, parameters, results, runner "
        "FROM runs" +
        query.clause() + order_by(filter.sort) + page_clause(filter));
    query.bind(statement);
    while (statement.step()) {
        model::Run run;
        run.metadata.name = statement.column_text(0);
        run.metadata.uid = statement.column_text(1);
        run.metadata.iteration = statement.column_int(2);
        run.metadata.project = statement.column_text(3);
        run.status.state = model::parse_run_state(statement.column_text(4));
        run.status.start_time = statement.column_text(5);
        if (!statement.column_is_null(6)) {
            run.spec.parameters = parse_json(statement.column_text(6));
        }
        if (!statement.column_is_null(7)) {
            run.status.results = parse_json(statement.column_text(7));
        }
        if (!statement.column_is_null(8)) {
            run.status.extra["runner"] = parse_json(statement.column_text(8));
        }
        visit(run);
    }
}

std::vector<model::Run> SqliteRunDB::list_runs(const RunFilter& filter)
{
    std::vector<model::Run> runs;
    for_each_run(filter, [&](const model::Run& run) { runs.push_back(run); });
    return runs;
}

std::size_t SqliteRunDB::delete_run(const std::string& project, const std::string& uid)
{
    Transaction transaction{m_database};
    // As an MLRun API answers: a run still running is aborted first, not deleted under its
    // runner (which would write it back, or lose its result).
    auto states = m_database.prepare(
        "SELECT state FROM runs WHERE project = ?1 AND uid = ?2 AND state IN ('running', "
        "'pending', 'aborting') LIMIT 1");
    states.bind(1, project).bind(2, uid);
    if (states.step()) {
        throw Error("can not delete run '" + uid + "' in " + states.column_text(0) +
                        " state, consider aborting the run first",
                    ErrorKind::failed, "stop it first (Ctrl-C where it runs), then delete it");
    }
    m_database.prepare("DELETE FROM runs WHERE project = ?1 AND uid = ?2")
        .bind(1, project)
        .bind(2, uid)
        .run();
    const auto removed = static_cast<std::size_t>(m_database.changes());
    m_database.prepare("DELETE FROM logs WHERE project = ?1 AND uid = ?2")
        .bind(1, project)
        .bind(2, uid)
        .run();
    transaction.commit();
    return removed;
}

void SqliteRunDB::abort_run(const std::string& project, const std::string& uid,
                            std::int64_t iteration)
{
    Transaction transaction{m_database};
    auto run = find_run(project, uid, iteration);
    if (!run) {
        throw Error("run '" + uid + "' not found in project '" + project + "'",
                    ErrorKind::not_found);
    }
    if (model::is_terminal(run->status.state)) {
        throw Error("run '" + uid + "' already ended (" +
                    std::string{model::to_string(run->status.state)} + "); nothing to abort");
    }
    // The stored document changed in these two fields only.
    auto body = run_document(project, uid, iteration);
    apply_dotted_updates(*body, {{"status.state", "aborted"},
                                 {"status.last_update", util::format_iso(util::now_micros())}});
    write_run(model::run_from_json(*body), &*body);
    transaction.commit();
}

void SqliteRunDB::append_log(const std::string& project, const std::string& uid,
                             std::string_view bytes)
{
    if (bytes.empty()) {
        return;
    }
    Transaction transaction{m_database};
    const auto size = log_size(project, uid);
    m_database.cached("INSERT INTO logs(project, uid, offset, data) VALUES(?1, ?2, ?3, ?4)")
        .bind(1, project)
        .bind(2, uid)
        .bind(3, static_cast<std::int64_t>(size))
        .bind_blob(4, bytes)
        .run();
    transaction.commit();
}

void SqliteRunDB::replace_log(const std::string& project, const std::string& uid,
                              std::string_view bytes)
{
    Transaction transaction{m_database};
    m_database.cached("DELETE FROM logs WHERE project = ?1 AND uid = ?2")
        .bind(1, project)
        .bind(2, uid)
        .run();
    if (!bytes.empty()) {
        m_database.cached("INSERT INTO logs(project, uid, offset, data) VALUES(?1, ?2, 0, ?3)")
            .bind(1, project)
            .bind(2, uid)
            .bind_blob(3, bytes)
            .run();
    }
    transaction.commit();
}

std::uint64_t SqliteRunDB::log_size(const std::string& project, const std::string& uid)
{
    auto& statement =
        m_database.cached("SELECT offset + length(data) FROM logs WHERE project = ?1 AND uid = ?2 "
                          "ORDER BY offset DESC LIMIT 1");
    statement.bind(1, project).bind(2, uid);
    const auto size = statement.step() ? static_cast<std::uint64_t>(statement.column_int(0)) : 0;
    statement.reset();
    return size;
}

LogChunk SqliteRunDB::read_log(const std::string& project, const std::string& uid,
                               std::uint64_t offset, std::uint64_t size)
{
    LogChunk chunk;
    // The chunk holding `offset` starts at the greatest chunk offset not after it.
    auto statement = m_database.prepare(
        "SELECT offset, data FROM logs WHERE project = ?1 AND uid = ?2 AND offset >= "
        "COALESCE((SELECT max(offset) FROM logs WHERE project = ?1 AND uid = ?2 AND offset <= ?3), "
        "0) "
        "ORDER BY offset");
    statement.bind(1, project).bind(2, uid).bind(3, static_cast<std::int64_t>(offset));
    while (statement.step() && (size == 0 || chunk.bytes.size() < size)) {
        const auto start = static_cast<std::uint64_t>(statement.column_int(0));
        auto data = statement.column_blob(1);
        const auto skip = offset > start ? offset - start : 0;
        if (skip >= data.size()) {
            continue;
        }
        chunk.bytes.append(data, skip);
    }
    if (size > 0 && chunk.bytes.size() > size) {
        chunk.bytes.resize(size);
    }
    auto state = m_database.prepare(
        "SELECT state FROM runs WHERE project = ?1 AND uid = ?2 ORDER BY iteration LIMIT 1");
    state.bind(1, project).bind(2, uid);
    if (state.step()) {
        chunk.state = model::parse_run_state(state.column_text(0));
    }
    return chunk;
}

}  // namespace mlrun::store
