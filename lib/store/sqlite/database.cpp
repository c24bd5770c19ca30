// RAII access to one SQLite database; the only file that includes sqlite3.h.

#include "lib/store/sqlite/database.hpp"

#include <chrono>
#include <filesystem>
#include <sqlite3.h>
#include <thread>
#include <unistd.h>

#include "lib/error.hpp"

namespace mlrun::store::sqlite {
namespace {

// Several mlrun processes may write at once; each waits this long for the write lock.
constexpr int busy_timeout_ms = 30'000;

// `path` as the path of a file: URI (the characters a URI gives meaning to escaped).
std::string uri_path(const std::string& path)
{
    std::string escaped;
    for (const char c : path) {
        if (c == '%' || c == '?' || c == '#') {
            constexpr const char* digits = "0123456789ABCDEF";
            escaped += '%';
            escaped += digits[(static_cast<unsigned char>(c) >> 4) & 0xF];
            escaped += digits[static_cast<unsigned char>(c) & 0xF];
        } else {
            escaped += c;
        }
    }
    return escaped;
}

// Refuses a path that names a FIFO, a device or a folder: SQLite would block on a FIFO forever.
void refuse_special_file(const std::string& path)
{
    if (path == ":memory:") {
        return;
    }
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (!error && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
        throw Error("store '" + path + "' is not a regular file", ErrorKind::usage,
                    "point MLRUN_DBPATH or --db at a store file or a folder");
    }
}

// A store in a folder this user cannot write (a shared, read-only copy): SQLite cannot create
// the WAL index beside it, so it is read as an immutable file instead.
bool unwritable(const std::string& path)
{
    const auto folder = std::filesystem::path{path}.parent_path();
    return ::access(path.c_str(), W_OK) != 0 ||
           ::access((folder.empty() ? std::string{"."} : folder.string()).c_str(), W_OK) != 0;
}

}  // namespace

Database::Database(const std::string& path, OpenMode mode) : m_path(path)
{
    refuse_special_file(path);
    int flags = SQLITE_OPEN_NOMUTEX;
    std::string name = path;
    if (mode == OpenMode::read_only) {
        flags |= SQLITE_OPEN_READONLY;
        if (path != ":memory:" && unwritable(path)) {
            flags |= SQLITE_OPEN_URI;
            name = "file:" + uri_path(path) + "?immutable=1";
        }
    } else {
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        if (path != ":memory:" && std::filesystem::path{path}.has_parent_path()) {
            std::error_code ignored;
            std::filesystem::create_directories(std::filesystem::path{path}.parent_path(), ignored);
        }
    }
    const int code = sqlite3_open_v2(name.c_str(), &m_handle, flags, nullptr);
    if (code != SQLITE_OK) {
        const std::string message = m_handle ? sqlite3_errmsg(m_handle) : sqlite3_errstr(code);
        sqlite3_close(m_handle);
        m_handle = nullptr;
        throw Error("cannot open store '" + path + "': " + message);
    }
    sqlite3_extended_result_codes(m_handle, 1);
    sqlite3_busy_timeout(m_handle, busy_timeout_ms);
    try {
        // The first read of a file that is not a database fails here, before anything is written.
        execute("PRAGMA foreign_keys = ON");
        prepare("SELECT count(*) FROM sqlite_master").step();
    } catch (...) {
        m_cache.clear();
        sqlite3_close(m_handle);
        m_handle = nullptr;
        throw;
    }
}

bool Database::read_only() const
{
    return sqlite3_db_readonly(m_handle, "main") != 0;
}

void Database::prepare_for_writing()
{
    if (m_path == ":memory:") {
        return;
    }
    enable_wal();
    execute("PRAGMA synchronous = NORMAL");
    // Room for the pages a bulk write touches (indexes included), so that they are not spilled
    // to the WAL and rewritten many times within one transaction.
    execute("PRAGMA cache_size = -32768");
}

void Database::enable_wal()
{
    // Switching a new file to WAL needs an exclusive lock, and SQLite answers SQLITE_BUSY at
    // once (without the busy handler) while another process holds any lock: several processes
    // creating the store together must retry. WAL is recorded in the file, so this is rare.
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
    auto pause = std::chrono::milliseconds(1);
    while (true) {
        sqlite3_stmt* statement = nullptr;
        int code =
            sqlite3_prepare_v2(m_handle, "PRAGMA journal_mode = WAL", -1, &statement, nullptr);
        if (code == SQLITE_OK) {
            code = sqlite3_step(statement);
        }
        sqlite3_finalize(statement);
        if (code == SQLITE_ROW || code == SQLITE_DONE) {
            return;
        }
        if ((code & 0xFF) != SQLITE_BUSY || std::chrono::steady_clock::now() > deadline) {
            fail(code, "open");
        }
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(50));
    }
}

Database::~Database()
{
    m_cache.clear();  // statements must be finalized before the connection closes
    sqlite3_close(m_handle);
}

Statement& Database::cached(const std::string& sql)
{
    auto found = m_cache.find(sql);
    if (found == m_cache.end()) {
        found = m_cache.emplace(sql, std::make_unique<Statement>(prepare(sql))).first;
    } else {
        found->second->reset();
    }
    return *found->second;
}

void Database::fail(int code, std::string_view what) const
{
    const std::string detail = m_handle ? sqlite3_errmsg(m_handle) : sqlite3_errstr(code);
    const std::string subject = "store '" + m_path + "'";
    switch (code & 0xFF) {
    case SQLITE_NOTADB:
        throw Error(subject + " is not an mlrun store (the file is not a SQLite database)",
                    ErrorKind::failed,
                    "point MLRUN_DBPATH or --db at another file; this one was left untouched");
    case SQLITE_CORRUPT:
        throw Error(subject + " is corrupt: " + detail, ErrorKind::failed,
                    "restore it from a backup ('mlrun runs export' makes one)");
    case SQLITE_READONLY:
        throw Error(subject + " is read-only: cannot " + std::string{what}, ErrorKind::failed,
                    "check the permissions of the file and its folder");
    case SQLITE_FULL:
        throw Error("disk full while writing " + subject + "; nothing was changed",
                    ErrorKind::failed);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        throw Error(subject + " stayed locked by another process for " +
                        std::to_string(busy_timeout_ms / 1000) + "s",
                    ErrorKind::failed);
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_IOERR: throw Error("cannot " + std::string{what} + " " + subject + ": " + detail);
    default: throw Error("cannot " + std::string{what} + " " + subject + ": " + detail);
    }
}

void Database::execute(std::string_view sql)
{
    char* message = nullptr;
    const int code = sqlite3_exec(m_handle, std::string{sql}.c_str(), nullptr, nullptr, &message);
    sqlite3_free(message);
    if (code != SQLITE_OK) {
        fail(code, "update");
    }
}

Statement Database::prepare(std::string_view sql)
{
    sqlite3_stmt* statement = nullptr;
    const int code =
        sqlite3_prepare_v2(m_handle, sql.data(), static_cast<int>(sql.size()), &statement, nullptr);
    if (code != SQLITE_OK) {
        fail(code, "read");
    }
    return Statement{*this, statement};
}

std::int64_t Database::last_insert_rowid() const
{
    return sqlite3_last_insert_rowid(m_handle);
}
int Database::changes() const
{
    return sqlite3_changes(m_handle);
}

Statement::~Statement()
{
    sqlite3_finalize(m_statement);
}

Statement::Statement(Statement&& other) noexcept
    : m_database(other.m_database), m_statement(other.m_statement)
{
    other.m_statement = nullptr;
}

Statement& Statement::bind(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_statement, index, value);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text)
{
    sqlite3_bind_text(m_statement, index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value)
{
    return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind_blob(int index, std::string_view bytes)
{
    sqlite3_bind_blob64(m_statement, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind_null(int index)
{
    sqlite3_bind_null(m_statement, index);
    return *this;
}

bool Statement::step()
{
    const int code = sqlite3_step(m_statement);
    if (code == SQLITE_ROW) {
        return true;
    }
    if (code == SQLITE_DONE) {
        return false;
    }
    sqlite3_reset(m_statement);
    m_database->fail(code, sqlite3_stmt_readonly(m_statement) ? "read" : "write to");
}

void Statement::run()
{
    while (step()) {
    }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

std::int64_t Statement::column_int(int index) const
{
    return sqlite3_column_int64(m_statement, index);
}

std::string Statement::column_text(int index) const
{
    const auto* text = sqlite3_column_text(m_statement, index);
    const int size = sqlite3_column_bytes(m_statement, index);
    return text ? std::string{reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)}
                : std::string{};
}

std::string Statement::column_blob(int index) const
{
    const auto* data = sqlite3_column_blob(m_statement, index);
    const int size = sqlite3_column_bytes(m_statement, index);
    return data ? std::string{static_cast<const char*>(data), static_cast<std::size_t>(size)}
                : std::string{};
}

bool Statement::column_is_null(int index) const
{
    return sqlite3_column_type(m_statement, index) == SQLITE_NULL;
}

Transaction::Transaction(Database& database) : m_database(database)
{
    m_database.execute("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!m_done) {
        try {
            m_database.execute("ROLLBACK");
        } catch (...) {
            // The transaction is gone either way; the original error is what matters.
        }
    }
}

void Transaction::commit()
{
    m_database.execute("COMMIT");
    m_done = true;
}

}  // namespace mlrun::store::sqlite
