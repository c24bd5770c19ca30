// A one-line progress bar on stderr for long transfers (bytes, rate, ETA), redrawn at most ten
// times a second; silent when stderr is not a terminal or the user asked for quiet.
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace mlrun::cli {

// "1.5 GiB", "12.0 MiB", "512 B".
std::string human_bytes(std::uint64_t bytes);

class ProgressBar
{
public:
    // `unit` empty: bytes ("1.5 MiB"); otherwise counts of that unit ("120 items").
    ProgressBar(std::ostream& err, bool enabled, std::string label, std::string unit = {});
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    void update(std::uint64_t done, std::uint64_t total);
    void finish();

private:
    void draw(std::uint64_t done, std::uint64_t total);

    std::ostream& m_err;
    bool m_enabled;
    bool m_drawn = false;
    std::string m_label;
    std::string m_unit;
    std::uint64_t m_done = 0;  // the last update, drawn once more at the end
    std::uint64_t m_total = 0;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last;
};

}  // namespace mlrun::cli
