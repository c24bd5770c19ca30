// `mlrun serve` as a test fixture: the built binary serving a fresh store on 127.0.0.1 (a free
// port), stopped by its PID when the test ends; and raw HTTP requests to it (Python's standard
// library, so that malformed requests can be sent as they are).
#pragma once

#include <chrono>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/e2e/harness.hpp"
#include "tests/support/background_process.hpp"

namespace mlrun::test {

class ServeProcess
{
public:
    explicit ServeProcess(std::vector<std::string> extra = {}, std::filesystem::path store = {})
    {
        m_store = store.empty() ? m_dir.path() / "store.db" : store;
        std::vector<std::string> argv = {MLRUN_BIN,     "serve",
                                         "--port",      "0",
                                         "--port-file", (m_dir.path() / "port").string(),
                                         "--db",        m_store.string()};
        argv.insert(argv.end(), extra.begin(), extra.end());
        std::map<std::string, std::string> environment = {{"HOME", m_dir.path().string()},
                                                          {"PATH", "/usr/bin:/bin"},
                                                          {"MLRUN_IGNORE_ENV_FILE", "1"}};
        for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"}) {
            if (const char* value = std::getenv(name)) {
                environment[name] = value;
            }
        }
        m_process = std::make_unique<BackgroundProcess>(argv, environment, m_dir.path());
        const auto deadline =
            std::chrono::steady_clock::now() + std::chrono::seconds{20 * slowdown};
        while (!std::filesystem::exists(m_dir.path() / "port")) {
            REQUIRE_MESSAGE(std::chrono::steady_clock::now() < deadline,
                            "mlrun serve did not start");
            REQUIRE_MESSAGE(m_process->running(), "mlrun serve exited at start");
            std::this_thread::sleep_for(std::chrono::milliseconds{20});
        }
        m_url = "http://127.0.0.1:" + read_text(m_dir.path() / "port");
        while (!m_url.empty() && (m_url.back() == '\n')) {
            m_url.pop_back();
        }
    }

    const std::string& url() const { return m_url; }
    const std::filesystem::path& store() const { return m_store; }
    pid_t pid() const { return m_process->pid(); }
    bool running() { return m_process->running(); }
    void stop() { m_process->stop(std::chrono::milliseconds{10'000 * slowdown}); }

private:
    static std::string read_text(const std::filesystem::path& path)
    {
        std::ifstream in{path};
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    TempDir m_dir;
    std::filesystem::path m_store;
    std::unique_ptr<BackgroundProcess> m_process;
    std::string m_url;
};

struct RawAnswer
{
    int status = 0;
    std::string body;
    nlohmann::json json() const { return nlohmann::json::parse(body); }
};

// One request as given (method, path with query, headers, body bytes).
inline RawAnswer raw_request(const std::string& url, const std::string& method,
                             const std::string& path, const std::string& body = {},
                             std::map<std::string, std::string> headers = {})
{
    nlohmann::json header_json = headers;
    ProcessOptions options;
    options.stdin_text = body;  // a body of any size (an argument is limited)
    options.environment = {{"PATH", "/usr/bin:/bin"}};
    const ProcessResult result = run_process(
        {"/usr/bin/python3", "-c",
         "import sys, json, urllib.request, urllib.error\n"
         "req = urllib.request.Request(sys.argv[1] + sys.argv[3], method=sys.argv[2],\n"
         "    data=sys.stdin.buffer.read() or None, headers=json.loads(sys.argv[4]))\n"
         "try:\n"
         "    r = urllib.request.urlopen(req, timeout=30); code, data = r.status, r.read()\n"
         "except urllib.error.HTTPError as e:\n"
         "    code, data = e.code, e.read()\n"
         "sys.stdout.write(str(code) + '\\n' + data.decode('utf-8', 'replace'))\n",
         url, method, path, header_json.dump()},
        options);
    REQUIRE_MESSAGE(result.exit_code == 0, result.err);
    RawAnswer answer;
    const auto newline = result.out.find('\n');
    answer.status = std::stoi(result.out.substr(0, newline));
    answer.body = result.out.substr(newline + 1);
    return answer;
}

}  // namespace mlrun::test
