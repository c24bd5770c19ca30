// Where a local run's (or workflow's) child output goes: the terminal's streams. With
// --output json|yaml the caller passes stderr for both, so that stdout carries only the
// document.
#pragma once

#include <ostream>
#include <string_view>
#include <utility>

#include "lib/launcher/local_launcher.hpp"

namespace mlrun::cli {

class StreamRunOutput final : public launcher::RunOutput
{
public:
    StreamRunOutput(std::ostream& out, std::ostream& err) : m_out(out), m_err(err) {}
    void out(std::string_view bytes) override { write(m_out, bytes, m_out_ended); }
    void err(std::string_view bytes) override { write(m_err, bytes, m_err_ended); }

    // Ends a last line the program left open (a run stopped mid-line, a prompt), so that what
    // is printed next (the final state, a log line) starts on its own line and the program's
    // last line is kept whole.
    void end_lines()
    {
        for (auto [stream, ended] : {std::pair{&m_out, &m_out_ended}, {&m_err, &m_err_ended}}) {
            if (!*ended) {
                (*stream << '\n').flush();
                *ended = true;
            }
        }
    }

private:
    static void write(std::ostream& stream, std::string_view bytes, bool& ended)
    {
        if (bytes.empty()) {
            return;
        }
        stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size())).flush();
        ended = bytes.back() == '\n';
    }
    std::ostream& m_out;
    std::ostream& m_err;
    bool m_out_ended = true;
    bool m_err_ended = true;
};

}  // namespace mlrun::cli
