// Chooses the backend for a configured `dbpath`.

#include "lib/store/open_run_db.hpp"

#include <filesystem>

#include "lib/error.hpp"
#include "lib/store/http/http_run_db.hpp"
#include "lib/store/sqlite/migrations.hpp"
#include "lib/store/sqlite/sqlite_run_db.hpp"
#include "lib/store/upgrading_run_db.hpp"

namespace mlrun::store {

bool is_remote(const std::string& dbpath)
{
    return dbpath.starts_with("http://") || dbpath.starts_with("https://");
}

std::unique_ptr<RunDB> open_run_db(const std::string& dbpath, const std::string& store_home,
                                   Access access, const http::Settings& http)
{
    if (is_remote(dbpath)) {
        auto settings = http;
        if (settings.base_url.empty()) {
            settings.base_url = dbpath;
        }
        return std::make_unique<HttpRunDB>(std::move(settings));
    }
    if (dbpath.find("://") != std::string::npos && !dbpath.starts_with("sqlite:///")) {
        throw Error("unsupported store URL '" + dbpath + "'", ErrorKind::usage,
                    "use http(s)://host for an MLRun API, or a file path / sqlite:///path for the "
                    "local store");
    }
    if (access == Access::read_then_write) {
        return std::make_unique<UpgradingRunDB>([dbpath, store_home, http](Access opened) {
            return open_run_db(dbpath, store_home, opened, http);
        });
    }
    const auto path = store_path(dbpath, store_home);
    // A store being created by another process is at most one page until its first
    // checkpoint: only such a small file is opened twice to find out.
    const auto small_file = [&] {
        std::error_code error;
        return std::filesystem::is_regular_file(path, error) &&
               std::filesystem::file_size(path, error) <= 4096 && !error;
    };
    if (access == Access::read &&
        (!std::filesystem::exists(path) || (small_file() && sqlite::holds_no_store(path)))) {
        return std::make_unique<SqliteRunDB>(":memory:", sqlite::OpenMode::read_write);
    }
    return std::make_unique<SqliteRunDB>(
        path, access == Access::read ? sqlite::OpenMode::read_only : sqlite::OpenMode::read_write);
}

}  // namespace mlrun::store
