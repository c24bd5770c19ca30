// The sink through which the library reports progress and warnings; the CLI decides where and
// how they are shown. The library never writes to stdout or stderr itself.
#pragma once

#include <string_view>

namespace mlrun {

enum class LogLevel
{
    debug,
    info,
    warning,
    error,
};

class Reporter
{
public:
    virtual ~Reporter() = default;
    virtual void log(LogLevel level, std::string_view message) = 0;
};

// Swallows everything; for callers (and tests) that do not care.
class NullReporter final : public Reporter
{
public:
    void log(LogLevel, std::string_view) override {}
};

}  // namespace mlrun
