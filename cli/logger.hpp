// MLRun's log line format (cli.md §0.3) behind the library's Reporter interface:
// `> 2024-10-23 11:15:52,123 [info] message`, or one JSON object per line.
#pragma once

#include <ostream>

#include "lib/reporter.hpp"

namespace mlrun::cli {

// "DEBUG"/"info"/... (case-insensitive) -> level; unknown text gives info.
LogLevel parse_log_level(std::string_view text);

class Logger final : public Reporter
{
public:
    enum class Format
    {
        human,
        json,
    };

    Logger(std::ostream& out, LogLevel threshold, Format format)
        : m_out(out), m_threshold(threshold), m_format(format)
    {
    }

    void log(LogLevel level, std::string_view message) override;
    bool enabled(LogLevel level) const { return level >= m_threshold; }

private:
    std::ostream& m_out;
    LogLevel m_threshold;
    Format m_format;
};

}  // namespace mlrun::cli
