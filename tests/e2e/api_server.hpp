// An MLRun API as a test fixture: the contract test server (tests/contract/
// mlrun_api_server.py) or `mlrun serve` itself, started on 127.0.0.1 for one test, stopped by
// its PID, with its request log readable. Faults and simulated builds, deployments and
// schedules are the contract server's only.
#pragma once

#include <chrono>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/e2e/harness.hpp"
#include "tests/support/background_process.hpp"

namespace mlrun::test {

using Json = nlohmann::json;

inline const std::string token = "s3cr3t-t0ken";

enum class Backend
{
    contract,  // tests/contract/mlrun_api_server.py
    serve,     // `mlrun serve` on a fresh store
};

class ApiServer
{
public:
    explicit ApiServer(std::vector<std::string> extra = {}, Backend backend = Backend::contract)
    {
        if (backend == Backend::serve) {
            start_serve(std::move(extra));
            return;
        }
        std::vector<std::string> argv = {"/usr/bin/python3",
                                         MLRUN_API_SERVER,
                                         "--port-file",
                                         (m_dir / "port").string(),
                                         "--log",
                                         (m_dir / "requests.jsonl").string(),
                                         "--step-seconds",
                                         "0.05",
                                         "--max-seconds",
                                         "300"};
        argv.insert(argv.end(), extra.begin(), extra.end());
        m_process = std::make_unique<BackgroundProcess>(
            argv, std::map<std::string, std::string>{{"PATH", "/usr/bin:/bin"}});
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{20};
        while (!std::filesystem::exists(m_dir / "port")) {
            REQUIRE_MESSAGE(std::chrono::steady_clock::now() < deadline,
                            "the contract server did not start");
            REQUIRE(m_process->running());
            std::this_thread::sleep_for(std::chrono::milliseconds{20});
        }
        m_url = "http://127.0.0.1:" + read_text(m_dir / "port");
    }

    const std::string& url() const { return m_url; }

    // Every request the server saw, in order.
    std::vector<Json> requests() const
    {
        std::vector<Json> out;
        std::ifstream in{m_dir / "requests.jsonl"};
        for (std::string line; std::getline(in, line);) {
            out.push_back(Json::parse(line));
        }
        return out;
    }

    std::vector<Json> requests(const std::string& method, const std::string& path_part) const
    {
        std::vector<Json> out;
        for (auto& request : requests()) {
            if (request["method"] == method &&
                request["path"].get<std::string>().find(path_part) != std::string::npos) {
                out.push_back(request);
            }
        }
        return out;
    }

    void clear_log() const { std::ofstream{m_dir / "requests.jsonl", std::ios::trunc}; }

    // Injects faults (rules as in the server's documentation).
    void faults(const Json& rules) const
    {
        ProcessResult result =
            run_process({"/usr/bin/python3", "-c",
                         "import sys, urllib.request; "
                         "urllib.request.urlopen(urllib.request.Request(sys.argv[1], "
                         "data=sys.argv[2].encode(), method='POST')).read()",
                         m_url + "/_test/faults", Json{{"rules", rules}}.dump()},
                        {});
        REQUIRE(result.exit_code == 0);
    }

    void stop() { m_process->stop(); }

private:
    void start_serve(std::vector<std::string> extra)
    {
        std::vector<std::string> argv = {MLRUN_BIN,       "serve",
                                         "--port",        "0",
                                         "--port-file",   (m_dir / "port").string(),
                                         "--db",          (m_dir / "store.db").string(),
                                         "--request-log", (m_dir / "requests.jsonl").string()};
        argv.insert(argv.end(), extra.begin(), extra.end());
        std::map<std::string, std::string> environment = {{"PATH", "/usr/bin:/bin"},
                                                          {"HOME", m_dir.path().string()},
                                                          {"MLRUN_IGNORE_ENV_FILE", "1"}};
        for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"}) {
            if (const char* value = std::getenv(name)) {
                environment[name] = value;
            }
        }
        m_process = std::make_unique<BackgroundProcess>(argv, environment, m_dir.path());
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{20};
        while (!std::filesystem::exists(m_dir / "port")) {
            REQUIRE_MESSAGE(std::chrono::steady_clock::now() < deadline,
                            "mlrun serve did not start");
            REQUIRE(m_process->running());
            std::this_thread::sleep_for(std::chrono::milliseconds{20});
        }
        auto port = read_text(m_dir / "port");
        while (!port.empty() && port.back() == '\n') {
            port.pop_back();
        }
        m_url = "http://127.0.0.1:" + port;
    }

    TempDir m_dir;
    std::unique_ptr<BackgroundProcess> m_process;
    std::string m_url;
};

inline void connect(Mlrun& mlrun, const ApiServer& server)
{
    mlrun.set_env("MLRUN_DBPATH", server.url());
    mlrun.set_env("MLRUN_HTTPDB__TOKEN", token);
    mlrun.set_env("MLRUN_HTTP_RETRY_DEFAULTS__BACKOFF_FACTOR", "0");
    mlrun.set_env("MLRUN_HTTPDB__LOGS__PULL_LOGS_DEFAULT_INTERVAL", "0.05");
    mlrun.set_env("MLRUN_HTTPDB__LOGS__PULL_LOGS_BACKOFF_NO_LOGS_DEFAULT_INTERVAL", "0.1");
}

}  // namespace mlrun::test
