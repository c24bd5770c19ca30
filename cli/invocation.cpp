// What one invocation of `mlrun` has.

#include "cli/invocation.hpp"

#include <sstream>

#include "lib/config/client_spec.hpp"
#include "lib/config/env_file.hpp"
#include "lib/model/project.hpp"
#include "lib/store/api_service.hpp"
#include "lib/util/redact.hpp"

namespace mlrun::cli {
namespace {

std::istream& empty_input()
{
    static std::istringstream empty;
    return empty;
}

}  // namespace

Invocation::Invocation(config::Environment environment, std::ostream& out, std::ostream& err,
                       TableStyle style)
    : m_environment(std::move(environment)), m_out(out), m_err(err), m_in(&empty_input()),
      m_output(out, style)
{
}

void Invocation::override_config(std::string key, Json value, std::string origin)
{
    m_flags.push_back({std::move(key), std::move(value), std::move(origin)});
}

void Invocation::ensure_loaded()
{
    if (!m_loaded) {
        m_loaded = config::load(
            {.environment = m_environment, .env_file_flag = m_env_file, .flags = m_flags});
    }
}

const config::Config& Invocation::config()
{
    ensure_loaded();
    return m_loaded->config;
}

const config::Environment& Invocation::effective_environment()
{
    ensure_loaded();
    return m_loaded->environment;
}

Logger& Invocation::logger()
{
    if (!m_logger) {
        auto level = parse_log_level(config().log_level());
        for (int i = 0; i < m_verbosity && level != LogLevel::debug; ++i) {
            level = static_cast<LogLevel>(static_cast<int>(level) - 1);
        }
        const auto format =
            config().log_formatter() == "json" ? Logger::Format::json : Logger::Format::human;
        auto& stream = m_output.is_machine_readable() || m_logs_to_stderr ? m_err : m_out;
        m_logger = std::make_unique<Logger>(stream, level, format);
    }
    return *m_logger;
}

}  // namespace mlrun::cli

namespace mlrun::cli {

namespace {

std::string store_home(const config::Environment& environment)
{
    auto home = config::lookup(environment, "MLRUN_HOME").value_or("");
    if (home.empty()) {
        home = (config::expand_home("~", environment) / ".mlrun").string();
    }
    return home;
}

}  // namespace

store::RunDB& Invocation::run_db()
{
    if (!m_run_db) {
        const auto settings = http_settings();
        // Read until the first write: a listing neither creates the store nor needs write access.
        m_run_db = store::open_run_db(config().dbpath(), store_home(effective_environment()),
                                      store::Access::read_then_write, settings);
        if (m_run_db->is_remote()) {
            const auto url = util::redact_url_password(settings.base_url);
            logger().log(
                LogLevel::debug,
                "MLRun API " + url + ": " + std::to_string(settings.timeout.count() / 1000) +
                    "s per request, at most " + std::to_string(settings.deadline.count() / 1000) +
                    "s per call with its retries (http_retry_defaults.deadline)");
            apply_client_spec(*m_run_db, url);
        }
    }
    return *m_run_db;
}

void Invocation::apply_client_spec(store::RunDB& db, const std::string& url)
{
    if (m_client_spec_applied) {
        return;
    }
    m_client_spec_applied = true;
    try {
        auto* api = db.api();
        const auto spec = api != nullptr ? api->client_spec() : Json{};
        ensure_loaded();
        m_loaded->config = config::with_client_spec(m_loaded->config, spec, url);
        if (const auto path = m_loaded->config.artifact_path();
            !path.empty() && m_loaded->config.origin("artifact_path").starts_with("server")) {
            logger().log(LogLevel::debug, "artifact path from the server: " + path);
        }
    } catch (const Error& error) {
        // As MLRun's client: the command goes on with the local defaults; a server that cannot
        // be reached is reported by the call that needs it.
        logger().log(error.kind() == ErrorKind::unreachable ? LogLevel::debug : LogLevel::warning,
                     std::string{"failed syncing config from server: "} + error.what());
    }
}

const config::Config& Invocation::server_config()
{
    if (store::is_remote(config().dbpath())) {
        run_db();
    }
    return config();
}

std::unique_ptr<store::RunDB> Invocation::open_run_db_connection()
{
    auto settings = http_settings();
    settings.reporter = nullptr;  // another thread's connection: the logger is this thread's
    return store::open_run_db(config().dbpath(), store_home(effective_environment()),
                              store::Access::write, settings);
}

std::unique_ptr<store::RunDB> Invocation::open_other_store(const std::string& dbpath,
                                                           store::Access access)
{
    http::Settings settings;
    if (store::is_remote(dbpath)) {
        settings = http::settings_from_config(dbpath, config(), effective_environment());
        settings.reporter = &logger();
    }
    return store::open_run_db(dbpath, store_home(effective_environment()), access, settings);
}

http::Settings Invocation::http_settings()
{
    const auto dbpath = config().dbpath();
    if (!store::is_remote(dbpath)) {
        return {};
    }
    auto settings = http::settings_from_config(dbpath, config(), effective_environment());
    settings.reporter = &logger();  // retries shown at -v
    return settings;
}

std::vector<std::string> Invocation::credentials()
{
    std::vector<std::string> secrets;
    for (const char* name : {"MLRUN_AUTH_SESSION", "V3IO_ACCESS_KEY", "V3IO_PASSWORD",
                             "MLRUN_HTTPDB__TOKEN", "MLRUN_HTTPDB__PASSWORD"}) {
        if (auto value = config::lookup(m_environment, name)) {
            secrets.push_back(std::move(*value));
        }
    }
    if (!m_loaded) {
        return secrets;
    }
    try {
        const auto settings = http_settings();
        secrets.push_back(settings.token);
        secrets.push_back(settings.password);
    } catch (...) {
        // A configuration that cannot even give settings holds no credential in use.
    }
    return secrets;
}

std::string Invocation::project_or_default(const std::string& explicit_project)
{
    if (!explicit_project.empty()) {
        // "*" is every project, where a command lists across them.
        if (const auto problem = model::project_name_error(explicit_project);
            !problem.empty() && explicit_project != "*") {
            throw Error(problem, ErrorKind::usage);
        }
        return explicit_project;
    }
    const auto project = config().default_project();
    return project.empty() ? std::string{"default"} : project;
}

}  // namespace mlrun::cli
