// The embedded run store: opening, projects and schedules.

#include "lib/store/sqlite/sqlite_run_db.hpp"

#include <filesystem>

#include "lib/error.hpp"
#include "lib/store/sqlite/migrations.hpp"

namespace mlrun::store {

using sqlite::Transaction;

std::string store_path(const std::string& dbpath, const std::string& home)
{
    if (dbpath.empty()) {
        return (std::filesystem::path{home} / "mlrun.db").string();
    }
    std::string path = dbpath;
    if (path.starts_with("sqlite:///")) {
        path = path.substr(10);
        if (path.empty()) {
            throw Error("'" + dbpath + "' names no file", ErrorKind::usage,
                        "use sqlite:///relative/path or sqlite:////absolute/path");
        }
    }
    if (std::filesystem::is_directory(path)) {
        return (std::filesystem::path{path} / "mlrun.db").string();
    }
    return path;
}

SqliteRunDB::SqliteRunDB(const std::string& path, sqlite::OpenMode mode) : m_database(path, mode)
{
    sqlite::migrate(m_database, mode);
}

void SqliteRunDB::store_project(const model::Project& project)
{
    auto body = model::to_json(project);
    if (project.metadata.created.empty()) {
        body["metadata"]["created"] = util::format_iso(util::now_micros());
    }
    Transaction transaction{m_database};
    m_database
        .prepare("INSERT INTO projects(name, updated_us, body) VALUES(?1, ?2, ?3) "
                 "ON CONFLICT(name) DO UPDATE SET updated_us = excluded.updated_us, "
                 "body = json_set(excluded.body, '$.metadata.created', "
                 "json_extract(projects.body, '$.metadata.created'))")
        .bind(1, project.metadata.name)
        .bind(2, util::now_micros())
        .bind(3, body.dump())
        .run();
    transaction.commit();
}

std::optional<model::Project> SqliteRunDB::find_project(const std::string& name)
{
    auto statement = m_database.prepare("SELECT body FROM projects WHERE name = ?1");
    statement.bind(1, name);
    if (!statement.step()) {
        return std::nullopt;
    }
    return model::project_from_json(parse_json(statement.column_text(0)));
}

std::vector<model::Project> SqliteRunDB::list_projects()
{
    std::vector<model::Project> projects;
    auto statement = m_database.prepare("SELECT body FROM projects ORDER BY name");
    while (statement.step()) {
        projects.push_back(model::project_from_json(parse_json(statement.column_text(0))));
    }
    return projects;
}

void SqliteRunDB::delete_project(const std::string& name, DeletionStrategy strategy)
{
    Transaction transaction{m_database};
    if (!m_database.prepare("SELECT 1 FROM projects WHERE name = ?1").bind(1, name).step()) {
        throw Error("project '" + name + "' not found", ErrorKind::not_found);
    }
    if (strategy == DeletionStrategy::restricted) {
        // Checked in the transaction that deletes: nothing written in between is lost.
        std::vector<std::string> found;
        for (const char* table : {"runs", "logs", "functions", "artifacts", "schedules"}) {
            if (m_database
                    .prepare(std::string{"SELECT 1 FROM "} + table + " WHERE project = ?1 LIMIT 1")
                    .bind(1, name)
                    .step()) {
                found.emplace_back(table);  // MLRun names the kinds as the tables are named
            }
        }
        if (!found.empty()) {
            throw project_not_empty(name, found);
        }
    }
    for (const char* sql :
         {"DELETE FROM runs WHERE project = ?1", "DELETE FROM logs WHERE project = ?1",
          "DELETE FROM functions WHERE project = ?1",
          "DELETE FROM function_tags WHERE project = ?1",
          "DELETE FROM artifacts WHERE project = ?1",
          "DELETE FROM artifact_tags WHERE project = ?1",
          "DELETE FROM schedules WHERE project = ?1", "DELETE FROM projects WHERE name = ?1"}) {
        m_database.prepare(sql).bind(1, name).run();
    }
    transaction.commit();
}

void SqliteRunDB::store_schedule(const Schedule& schedule)
{
    Transaction transaction{m_database};
    m_database
        .prepare("INSERT OR REPLACE INTO schedules(project, name, kind, cron, body) "
                 "VALUES(?1, ?2, ?3, ?4, ?5)")
        .bind(1, schedule.project)
        .bind(2, schedule.name)
        .bind(3, schedule.kind)
        .bind(4, schedule.cron)
        .bind(5, schedule.body.dump())
        .run();
    transaction.commit();
}

std::vector<Schedule> SqliteRunDB::list_schedules(const std::string& project)
{
    auto statement = m_database.prepare("SELECT project, name, kind, cron, body FROM schedules "
                                        "WHERE ?1 = '*' OR project = ?1 ORDER BY project, name");
    statement.bind(1, project);
    std::vector<Schedule> schedules;
    while (statement.step()) {
        schedules.push_back({statement.column_text(0), statement.column_text(1),
                             statement.column_text(2), statement.column_text(3),
                             parse_json(statement.column_text(4))});
    }
    return schedules;
}

std::size_t SqliteRunDB::delete_schedule(const std::string& project, const std::string& name)
{
    Transaction transaction{m_database};
    m_database.prepare("DELETE FROM schedules WHERE project = ?1 AND name = ?2")
        .bind(1, project)
        .bind(2, name)
        .run();
    const auto removed = static_cast<std::size_t>(m_database.changes());
    transaction.commit();
    return removed;
}

}  // namespace mlrun::store
