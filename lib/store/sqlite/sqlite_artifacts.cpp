// The embedded run store: artifacts with MLRun's key, tree, iteration, tag and uid semantics.

#include "lib/store/sqlite/sqlite_run_db.hpp"

#include "lib/config/config.hpp"
#include "lib/error.hpp"
#include "lib/store/sqlite/query.hpp"
#include "lib/util/hash.hpp"

namespace mlrun::store {

using sqlite::Query;
using sqlite::Transaction;

namespace {

const std::string latest = "latest";

std::string db_key_of(const model::Artifact& artifact)
{
    return artifact.spec.db_key.empty() ? artifact.metadata.key : artifact.spec.db_key;
}

// The object uid the MLRun server computes: a hash of the content, without the fields that
// change on every store (labels, times, status, tag, uid, db key, extra data).
std::string object_uid(const model::Artifact& artifact)
{
    auto body = model::to_json(artifact);
    for (const char* field : {"labels", "updated", "tag", "uid"}) {
        body["metadata"].erase(field);
    }
    body.erase("status");
    body["spec"].erase("db_key");
    body["spec"].erase("extra_data");
    return util::sha1_hex(config::sorted(body).dump());
}

model::Artifact artifact_with_tag(const std::string& body, const std::string& tag)
{
    auto artifact = model::artifact_from_json(parse_json(body));
    artifact.metadata.tag = tag;
    return artifact;
}

}  // namespace

void SqliteRunDB::store_artifact(const model::Artifact& artifact, const std::string& tag)
{
    Transaction transaction{m_database};
    write_artifact(artifact, tag);
    transaction.commit();
}

void SqliteRunDB::store_artifacts(const std::vector<model::Artifact>& artifacts)
{
    Transaction transaction{m_database};
    for (const auto& artifact : artifacts) {
        write_artifact(artifact, artifact.metadata.tag);
    }
    transaction.commit();
}

void SqliteRunDB::write_artifact(const model::Artifact& artifact, const std::string& tag)
{
    const auto key = db_key_of(artifact);
    if (key.empty()) {
        throw Error("cannot store an artifact without a key", ErrorKind::usage);
    }
    auto stored = artifact;
    if (stored.metadata.project.empty()) {
        stored.metadata.project = "default";
    }
    stored.metadata.tag.clear();
    stored.metadata.uid = object_uid(stored);
    const auto now = util::now_micros();
    stored.metadata.updated = util::format_iso(now);
    std::optional<std::int64_t> link_iteration;
    if (const auto found = stored.spec.extra.find("link_iteration");
        found != stored.spec.extra.end() && found->is_number_integer()) {
        link_iteration = found->get<std::int64_t>();
    }

    auto& insert = m_database.cached("INSERT INTO artifacts(project, key, iter, tree, uid, kind, "
                                     "link_iteration, updated_us, body, plain_key, target_path, "
                                     "hash) "
                                     "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                                     "ON CONFLICT(project, key, iter, tree, uid) DO UPDATE SET "
                                     "updated_us = excluded.updated_us, body = excluded.body, "
                                     "plain_key = excluded.plain_key, "
                                     "target_path = excluded.target_path, "
                                     "hash = excluded.hash RETURNING id");
    insert.bind(1, stored.metadata.project)
        .bind(2, key)
        .bind(3, stored.metadata.iter)
        .bind(4, stored.metadata.tree)
        .bind(5, stored.metadata.uid)
        .bind(6, stored.kind)
        .bind(7, link_iteration)
        .bind(8, now)
        .bind(9, model::to_json(stored).dump(-1, ' ', false, Json::error_handler_t::replace))
        .bind(10, stored.metadata.key)
        .bind(11, stored.spec.target_path)
        .bind(12, stored.metadata.hash);
    insert.step();
    const auto id = insert.column_int(0);
    insert.reset();

    m_database.cached("DELETE FROM artifact_labels WHERE artifact_id = ?1").bind(1, id).run();
    auto& label = m_database.cached(
        "INSERT INTO artifact_labels(artifact_id, key, value) VALUES(?1, ?2, ?3)");
    for (auto it = stored.metadata.labels.begin(); it != stored.metadata.labels.end(); ++it) {
        label.bind(1, id)
            .bind(2, it.key())
            .bind(3, it->is_string() ? it->get<std::string>() : it->dump());
        label.run();
    }
    // A link (a hyper-parameter run's best iteration) gives its tags to the version it points
    // at too, as MLRun's API does (it answers the store with that version, tagged).
    std::vector<std::pair<std::int64_t, std::int64_t>> tagged{{id, stored.metadata.iter}};
    if (stored.kind == "link" && link_iteration) {
        auto linked = m_database.prepare(
            "SELECT id FROM artifacts WHERE project = ?1 AND key = ?2 AND tree = ?3 AND iter = ?4 "
            "AND kind != 'link' ORDER BY updated_us DESC, id DESC LIMIT 1");
        linked.bind(1, stored.metadata.project)
            .bind(2, key)
            .bind(3, stored.metadata.tree)
            .bind(4, *link_iteration);
        if (linked.step()) {
            tagged.emplace_back(linked.column_int(0), *link_iteration);
        }
    }
    auto& tag_statement = m_database.cached(
        "INSERT OR REPLACE INTO artifact_tags(project, key, tag, iter, artifact_id) "
        "VALUES(?1, ?2, ?3, ?4, ?5)");
    for (const auto& [version_id, iter] : tagged) {
        for (const auto& name : {latest, tag}) {
            if (name.empty()) {
                continue;
            }
            tag_statement.bind(1, stored.metadata.project)
                .bind(2, key)
                .bind(3, name)
                .bind(4, iter)
                .bind(5, version_id);
            tag_statement.run();
        }
    }
}

std::optional<std::int64_t> SqliteRunDB::artifact_version_id(const ArtifactRef& ref)
{
    Query query;
    query.where("a.project = ?", ref.project);
    query.where("a.key = ?", ref.key);
    std::string from = "artifacts a";
    if (!ref.uid.empty()) {
        query.where("a.uid = ?", ref.uid);
    }
    if (!ref.tree.empty()) {
        query.where("a.tree = ?", ref.tree);
    }
    query.where("a.iter = ?", ref.iter.value_or(0));
    if (ref.uid.empty() && (ref.tree.empty() || !ref.tag.empty())) {
        from += " JOIN artifact_tags t ON t.artifact_id = a.id";
        query.where("t.tag = ?", ref.tag.empty() ? latest : ref.tag);
    }
    auto statement = m_database.prepare("SELECT a.id FROM " + from + query.clause() +
                                        " ORDER BY a.updated_us DESC LIMIT 1");
    query.bind(statement);
    if (!statement.step()) {
        return std::nullopt;
    }
    return statement.column_int(0);
}

std::optional<model::Artifact> SqliteRunDB::find_artifact(const ArtifactRef& ref)
{
    const auto id = artifact_version_id(ref);
    if (!id) {
        return std::nullopt;
    }
    auto statement = m_database.prepare("SELECT body FROM artifacts WHERE id = ?1");
    statement.bind(1, *id);
    statement.step();
    return artifact_with_tag(statement.column_text(0),
                             ref.tag.empty() && ref.tree.empty() && ref.uid.empty() ? latest
                                                                                    : ref.tag);
}

std::vector<model::Artifact> SqliteRunDB::list_artifacts(const ArtifactFilter& filter)
{
    std::vector<model::Artifact> artifacts;
    for_each_artifact(filter,
                      [&](const model::Artifact& artifact) { artifacts.push_back(artifact); });
    return artifacts;
}

void SqliteRunDB::for_each_artifact(const ArtifactFilter& filter,
                                    const std::function<void(const model::Artifact&)>& visit)
{
    Query query;
    if (!filter.project.empty() && filter.project != all_projects) {
        query.where("a.project = ?", filter.project);
    }
    if (!filter.key.empty()) {
        query.where("a.key = ?", filter.key);
    }
    if (!filter.kind.empty()) {
        query.where("a.kind = ?", filter.kind);
    }
    if (!filter.tree.empty()) {
        query.where("a.tree = ?", filter.tree);
    }
    if (filter.iter) {
        query.where("a.iter = ?", *filter.iter);
    }
    if (!filter.links || filter.best_iteration) {
        query.where("a.kind != 'link'");
    }
    if (filter.best_iteration) {
        query.where("(NOT EXISTS (SELECT 1 FROM artifacts l WHERE l.project = a.project AND l.tree "
                    "= a.tree "
                    "AND l.key = a.key AND l.link_iteration IS NOT NULL) OR EXISTS (SELECT 1 FROM "
                    "artifacts l "
                    "WHERE l.project = a.project AND l.tree = a.tree AND l.key = a.key "
                    "AND l.link_iteration = a.iter))");
    }
    query.where_labels(filter.labels, "artifact_labels", "artifact_id", "a.id");
    std::string join = " LEFT JOIN artifact_tags t ON t.artifact_id = a.id";
    if (!filter.tag.empty()) {
        join = " JOIN artifact_tags t ON t.artifact_id = a.id";
        query.where("t.tag = ?", filter.tag);
    }
    // A summary is read from columns and small extracts, without parsing whole documents.
    const std::string columns =
        filter.summary ? "t.tag, a.project, a.key, a.iter, a.tree, a.kind, a.updated_us, "
                         "a.plain_key, a.target_path, a.hash, a.uid"
                       : "t.tag, a.body";
    auto sql = "SELECT " + columns + " FROM artifacts a" + join + query.clause() +
               " ORDER BY a.updated_us DESC, a.id DESC, t.tag";
    if (filter.limit > 0) {
        sql += " LIMIT " + std::to_string(filter.limit);
    }
    auto statement = m_database.prepare(sql);
    query.bind(statement);
    model::Artifact artifact;  // summaries reuse one object: no allocation per row
    while (statement.step()) {
        if (!filter.summary) {
            visit(artifact_with_tag(statement.column_text(1), statement.column_text(0)));
            continue;
        }
        artifact.metadata.tag = statement.column_text(0);
        artifact.metadata.project = statement.column_text(1);
        artifact.spec.db_key = statement.column_text(2);
        artifact.metadata.iter = statement.column_int(3);
        artifact.metadata.tree = statement.column_text(4);
        artifact.kind = statement.column_text(5);
        artifact.metadata.updated = util::format_iso(statement.column_int(6));
        artifact.metadata.key =
            statement.column_is_null(7) ? artifact.spec.db_key : statement.column_text(7);
        artifact.spec.target_path = statement.column_text(8);
        artifact.metadata.hash = statement.column_text(9);
        artifact.metadata.uid = statement.column_text(10);
        visit(artifact);
    }
}

std::size_t SqliteRunDB::delete_artifact(const ArtifactRef& ref)
{
    Transaction transaction{m_database};
    std::size_t removed = 0;
    if (ref.tag.empty() && ref.tree.empty() && ref.uid.empty() && !ref.iter) {
        // Only a key: every version of it.
        m_database.prepare("DELETE FROM artifacts WHERE project = ?1 AND key = ?2")
            .bind(1, ref.project)
            .bind(2, ref.key)
            .run();
        removed = static_cast<std::size_t>(m_database.changes());
    } else if (const auto id = artifact_version_id(ref)) {
        m_database.prepare("DELETE FROM artifacts WHERE id = ?1").bind(1, *id).run();
        removed = static_cast<std::size_t>(m_database.changes());
    }
    transaction.commit();
    return removed;
}

void SqliteRunDB::tag_artifact(const ArtifactRef& ref, const std::string& tag)
{
    Transaction transaction{m_database};
    const auto id = artifact_version_id(ref);
    if (!id) {
        throw Error("artifact '" + ref.key + "' not found in project '" + ref.project + "'",
                    ErrorKind::not_found);
    }
    m_database
        .prepare("INSERT OR REPLACE INTO artifact_tags(project, key, tag, iter, artifact_id) "
                 "SELECT project, key, ?1, iter, id FROM artifacts WHERE id = ?2")
        .bind(1, tag)
        .bind(2, *id)
        .run();
    transaction.commit();
}

std::size_t SqliteRunDB::untag_artifact(const std::string& project, const std::string& key,
                                        const std::string& tag)
{
    Transaction transaction{m_database};
    m_database.prepare("DELETE FROM artifact_tags WHERE project = ?1 AND key = ?2 AND tag = ?3")
        .bind(1, project)
        .bind(2, key)
        .bind(3, tag)
        .run();
    const auto removed = static_cast<std::size_t>(m_database.changes());
    transaction.commit();
    return removed;
}

}  // namespace mlrun::store
