// The one exception the library throws for foreseeable failures, with the kind the CLI maps to
// an exit code and an optional hint for the user.
#pragma once

#include <stdexcept>
#include <string>

namespace mlrun {

enum class ErrorKind
{
    failed,        // anything else that went wrong
    usage,         // bad arguments or input given by the user
    not_found,     // a named object or file does not exist
    unauthorized,  // the server refused our credentials
    unreachable,   // connection failure or timeout
    interrupted,   // the user stopped the command (Ctrl-C); its work was recorded as aborted
};

class Error : public std::runtime_error
{
public:
    explicit Error(const std::string& message, ErrorKind kind = ErrorKind::failed,
                   std::string hint = {})
        : std::runtime_error(message), m_kind(kind), m_hint(std::move(hint))
    {
    }

    ErrorKind kind() const { return m_kind; }
    const std::string& hint() const { return m_hint; }

private:
    ErrorKind m_kind;
    std::string m_hint;
};

}  // namespace mlrun
