// RAII access to one SQLite database (the only place sqlite3.h is included): connections,
// prepared statements, write transactions, and SQLite errors turned into messages a user
// understands.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace mlrun::store::sqlite {

enum class OpenMode
{
    read_only,   // never creates or changes the file
    read_write,  // creates the file (and its folder) when missing
};

class Statement;

class Database
{
public:
    // Opens `path` (":memory:" for tests) with a busy timeout and foreign keys on, writing
    // nothing. A read-only store in a folder this user cannot write is read as immutable.
    // Throws Error naming the path when it is not a usable database or not a regular file.
    Database(const std::string& path, OpenMode mode);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void execute(std::string_view sql);
    Statement prepare(std::string_view sql);
    // A statement prepared once per connection and reused (reset, bindings cleared) on every
    // call: for the statements of hot paths such as storing runs in bulk.
    Statement& cached(const std::string& sql);
    std::int64_t last_insert_rowid() const;
    int changes() const;
    const std::string& path() const { return m_path; }
    // True when this connection cannot write (opened read-only, or the file is write-protected).
    bool read_only() const;
    // Switches the file to WAL with the settings writers use: the first change to a file, made
    // only once it is known to be a store (or empty).
    void prepare_for_writing();

    // Throws the Error for SQLite result `code` of an operation described by `what`.
    [[noreturn]] void fail(int code, std::string_view what) const;

private:
    friend class Statement;
    void enable_wal();
    std::string m_path;
    sqlite3* m_handle = nullptr;
    std::unordered_map<std::string, std::unique_ptr<Statement>> m_cache;
};

class Statement
{
public:
    Statement(Database& database, sqlite3_stmt* statement)
        : m_database(&database), m_statement(statement)
    {
    }
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;

    // Binds are 1-based, as in SQLite. Return *this for chaining.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const std::optional<std::int64_t>& value);
    Statement& bind_blob(int index, std::string_view bytes);
    Statement& bind_null(int index);

    // Advances; true when a row is available.
    bool step();
    // Runs a statement that returns no rows.
    void run();
    void reset();

    std::int64_t column_int(int index) const;
    std::string column_text(int index) const;
    std::string column_blob(int index) const;
    bool column_is_null(int index) const;

private:
    Database* m_database;
    sqlite3_stmt* m_statement;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back when destroyed uncommitted (an exception escaped).
class Transaction
{
public:
    explicit Transaction(Database& database);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& m_database;
    bool m_done = false;
};

}  // namespace mlrun::store::sqlite
