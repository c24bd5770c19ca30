// The embedded run store: functions, versioned by content hash, with tags pointing at versions.

#include "lib/store/sqlite/sqlite_run_db.hpp"

#include "lib/error.hpp"
#include "lib/store/sqlite/query.hpp"

namespace mlrun::store {

using sqlite::Query;
using sqlite::Transaction;

namespace {

model::Function function_with_tag(const std::string& body, const std::string& tag)
{
    auto function = model::function_from_json(parse_json(body));
    function.metadata.tag = tag;
    return function;
}

}  // namespace

std::string SqliteRunDB::store_function(const model::Function& function, const std::string& project,
                                        const std::string& tag)
{
    return write_function(function, project, tag, true);
}

std::string SqliteRunDB::store_function_unversioned(const model::Function& function,
                                                    const std::string& project,
                                                    const std::string& tag)
{
    return write_function(function, project, tag, false);
}

std::string SqliteRunDB::write_function(const model::Function& function, const std::string& project,
                                        const std::string& tag, bool versioned)
{
    if (function.metadata.name.empty()) {
        throw Error("cannot store a function without a name", ErrorKind::usage);
    }
    auto stored = function;
    stored.metadata.project = project;
    const auto hash = function_hash(stored);
    stored.metadata.hash = hash;
    stored.metadata.tag.clear();
    const auto now = util::now_micros();
    stored.metadata.extra["updated"] = util::format_iso(now);

    Transaction transaction{m_database};
    auto insert = m_database.prepare(
        "INSERT INTO functions(project, name, hash, kind, updated_us, body) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(project, name, hash) DO UPDATE SET "
        "updated_us = excluded.updated_us, body = excluded.body RETURNING id");
    // An unversioned record has no content version (hash ""): storing it again replaces it.
    insert.bind(1, project)
        .bind(2, function.metadata.name)
        .bind(3, versioned ? hash : std::string{})
        .bind(4, function.kind)
        .bind(5, now)
        .bind(6, model::to_json(stored).dump());
    insert.step();
    const auto id = insert.column_int(0);
    insert.reset();
    m_database
        .prepare("INSERT OR REPLACE INTO function_tags(project, name, tag, function_id) "
                 "VALUES(?1, ?2, ?3, ?4)")
        .bind(1, project)
        .bind(2, function.metadata.name)
        .bind(3, tag.empty() ? std::string{"latest"} : tag)
        .bind(4, id)
        .run();
    transaction.commit();
    return hash;
}

std::optional<model::Function> SqliteRunDB::find_function(const std::string& project,
                                                          const std::string& name,
                                                          const std::string& tag,
                                                          const std::string& hash)
{
    if (!hash.empty()) {
        auto statement = m_database.prepare(
            "SELECT body FROM functions WHERE project = ?1 AND name = ?2 AND hash = ?3");
        statement.bind(1, project).bind(2, name).bind(3, hash);
        if (!statement.step()) {
            return std::nullopt;
        }
        return function_with_tag(statement.column_text(0), "");
    }
    const auto wanted = tag.empty() ? std::string{"latest"} : tag;
    auto statement = m_database.prepare(
        "SELECT f.body FROM function_tags t JOIN functions f ON f.id = t.function_id "
        "WHERE t.project = ?1 AND t.name = ?2 AND t.tag = ?3");
    statement.bind(1, project).bind(2, name).bind(3, wanted);
    if (!statement.step()) {
        return std::nullopt;
    }
    return function_with_tag(statement.column_text(0), wanted);
}

std::vector<model::Function> SqliteRunDB::list_functions(const FunctionFilter& filter)
{
    Query query;
    if (!filter.project.empty() && filter.project != all_projects) {
        query.where("f.project = ?", filter.project);
    }
    if (!filter.name.empty()) {
        query.where("f.name = ?", filter.name);
    }
    if (!filter.tag.empty() && filter.tag != "*") {
        query.where("t.tag = ?", filter.tag);
    }
    for (const auto& label : filter.labels) {
        const auto equals = label.find('=');
        if (equals == std::string::npos) {
            query.where("json_extract(f.body, '$.metadata.labels.' || json_quote(?)) IS NOT NULL",
                        label);
        } else {
            query.where("json_extract(f.body, '$.metadata.labels.' || json_quote(?)) = ?",
                        label.substr(0, equals), label.substr(equals + 1));
        }
    }
    // Without a tag filter, untagged content versions too (tag ""), as MLRun lists them; an
    // unversioned record whose tag moved away is not listed (golden rest/functions, cli-project).
    const std::string join = filter.tag.empty() ? " LEFT JOIN" : " JOIN";
    if (filter.tag.empty()) {
        query.where("(t.tag IS NOT NULL OR f.hash != '')");
    }
    auto sql = "SELECT f.body, coalesce(t.tag, '') FROM functions f" + join +
               " function_tags t ON t.function_id = f.id" + query.clause() +
               " ORDER BY f.id, t.tag";  // as MLRun lists them: in the order stored
    if (filter.limit > 0) {
        sql += " LIMIT " + std::to_string(filter.limit);
    }
    auto statement = m_database.prepare(sql);
    query.bind(statement);
    std::vector<model::Function> functions;
    while (statement.step()) {
        functions.push_back(function_with_tag(statement.column_text(0), statement.column_text(1)));
    }
    return functions;
}

std::size_t SqliteRunDB::delete_function(const std::string& project, const std::string& name)
{
    Transaction transaction{m_database};
    m_database.prepare("DELETE FROM function_tags WHERE project = ?1 AND name = ?2")
        .bind(1, project)
        .bind(2, name)
        .run();
    m_database.prepare("DELETE FROM functions WHERE project = ?1 AND name = ?2")
        .bind(1, project)
        .bind(2, name)
        .run();
    const auto removed = static_cast<std::size_t>(m_database.changes());
    transaction.commit();
    return removed;
}

}  // namespace mlrun::store
