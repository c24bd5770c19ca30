// MLRun's log line format behind the Reporter interface.

#include "cli/logger.hpp"

#include <chrono>
#include <ctime>
#include <iomanip>

#include "lib/json.hpp"
#include "lib/util/redact.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::cli {
namespace {

std::string_view level_name(LogLevel level)
{
    switch (level) {
    case LogLevel::debug: return "debug";
    case LogLevel::info: return "info";
    case LogLevel::warning: return "warning";
    case LogLevel::error: return "error";
    }
    return "info";
}

std::string local_timestamp()
{
    const auto now = std::chrono::system_clock::now();
    const auto seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm local{};
    ::localtime_r(&seconds, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
    std::ostringstream out;
    out << text << ',' << std::setw(3) << std::setfill('0') << millis;
    return out.str();
}

}  // namespace

LogLevel parse_log_level(std::string_view text)
{
    const auto lower = util::to_lower(text);
    if (lower == "debug") {
        return LogLevel::debug;
    }
    if (lower == "warning" || lower == "warn") {
        return LogLevel::warning;
    }
    if (lower == "error" || lower == "critical") {
        return LogLevel::error;
    }
    return LogLevel::info;
}

void Logger::log(LogLevel level, std::string_view message)
{
    if (!enabled(level)) {
        return;
    }
    // Library messages may quote URLs; passwords inside them never reach the terminal.
    const auto safe = util::redact_url_password(message);
    if (m_format == Format::json) {
        m_out << Json{{"datetime", local_timestamp()},
                      {"level", level_name(level)},
                      {"message", safe},
                      {"with", Json::object()}}
                     .dump(-1, ' ', false, Json::error_handler_t::replace)
              << '\n';
    } else {
        m_out << "> " << local_timestamp() << " [" << level_name(level) << "] " << safe << '\n';
    }
    m_out.flush();
}

}  // namespace mlrun::cli
