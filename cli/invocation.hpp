// What one invocation of `mlrun` has: the environment snapshot, the output streams, the
// configuration (loaded on first use, so `--help` and `version` never read files), the
// output renderer and the logger.
#pragma once

#include <istream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/logger.hpp"
#include "cli/output.hpp"
#include "lib/config/load.hpp"
#include "lib/store/open_run_db.hpp"

namespace mlrun::cli {

class Invocation
{
public:
    // `style` is how tables look on `out` (colour, width); tests pass a plain one.
    Invocation(config::Environment environment, std::ostream& out, std::ostream& err,
               TableStyle style = {});

    const config::Environment& environment() const { return m_environment; }
    std::ostream& out() { return m_out; }
    // Standard input (answers to confirmations, `runs import -`); empty unless set.
    std::istream& in() { return *m_in; }
    void set_input(std::istream& in) { m_in = &in; }
    std::ostream& err() { return m_err; }
    Output& output() { return m_output; }

    // Flags that feed the configuration; effective only before config() is first called.
    void override_config(std::string key, Json value, std::string origin);
    void set_env_file(std::string path) { m_env_file = std::move(path); }

    // Loads on first call; throws Error for a broken env file or config file.
    const config::Config& config();
    // The environment with env files applied, as child processes should see it.
    const config::Environment& effective_environment();

    // The run DB of the configured dbpath, opened on first use: the local store is read until
    // the first write reopens it for writing (store::UpgradingRunDB).
    store::RunDB& run_db();

    // config() with the defaults of the MLRun API that dbpath names (its artifact path,
    // registry...), fetched once per process when the API is first used; config() itself
    // when dbpath is local. For commands whose defaults a server may set.
    const config::Config& server_config();

    // A separate connection to the same store (for work on other threads), opened for writing.
    std::unique_ptr<store::RunDB> open_run_db_connection();

    // Another store than the configured one: a path (empty: the default store file) or an API
    // URL, with the configured credentials.
    std::unique_ptr<store::RunDB> open_other_store(const std::string& dbpath, store::Access access);

    // The API client settings of an http(s) dbpath (empty otherwise).
    http::Settings http_settings();

    // The tool's own credentials (token, passwords, access keys) as far as they are known, to
    // be masked in any text printed. Never throws.
    std::vector<std::string> credentials();

    // The project to use: `explicit_project` when given, else the configured default project.
    std::string project_or_default(const std::string& explicit_project);

    // Each -v lowers the threshold by one level (info -> debug).
    void add_verbosity(int count) { m_verbosity += count; }

    // Logs to stdout as MLRun does, or to stderr when stdout carries a json/yaml document or
    // the command asked for it (before the first logger() call: a server's log).
    Logger& logger();
    void send_logs_to_stderr() { m_logs_to_stderr = true; }

private:
    void ensure_loaded();
    void apply_client_spec(store::RunDB& db, const std::string& url);

    config::Environment m_environment;
    std::ostream& m_out;
    std::ostream& m_err;
    std::istream* m_in;
    Output m_output;
    bool m_logs_to_stderr = false;
    std::string m_env_file;
    std::vector<config::FlagOverride> m_flags;
    std::optional<config::Loaded> m_loaded;
    std::unique_ptr<Logger> m_logger;
    std::unique_ptr<store::RunDB> m_run_db;
    bool m_client_spec_applied = false;
    int m_verbosity = 0;
};

}  // namespace mlrun::cli
