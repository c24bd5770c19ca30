// The store's schema, versioned with PRAGMA user_version; migrations run once, in one
// transaction, and safely when several processes open a new store together.
#pragma once

#include "lib/store/sqlite/database.hpp"

namespace mlrun::store::sqlite {

inline constexpr int schema_version = 3;

// Brings the schema up to schema_version (a read-only `database` through a second connection that
// writes). Throws Error (and changes nothing) when the store was written by a newer schema, or
// when it needs migrating but its file cannot be written.
void migrate(Database& database, OpenMode mode);

// True when the file at `path` holds no store yet (empty, or being created by another process
// right now): a reader then sees an empty store rather than an error.
bool holds_no_store(const std::string& path);

}  // namespace mlrun::store::sqlite
