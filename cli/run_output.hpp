// Where a local run's (or workflow's) child output goes: the terminal's streams. With
// --output json|yaml the caller passes stderr for both, so that stdout carries only the
// document.
#pragma once

#include <ostream>
#include <string_view>

#include "lib/launcher/local_launcher.hpp"

namespace mlrun::cli {

class StreamRunOutput final : public launcher::RunOutput
{
public:
    StreamRunOutput(std::ostream& out, std::ostream& err) : m_out(out), m_err(err) {}
    void out(std::string_view bytes) override { write(m_out, bytes); }
    void err(std::string_view bytes) override { write(m_err, bytes); }

private:
    static void write(std::ostream& stream, std::string_view bytes)
    {
        stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size())).flush();
    }
    std::ostream& m_out;
    std::ostream& m_err;
};

}  // namespace mlrun::cli
