// A progress bar on stderr.

#include "cli/progress.hpp"

#include <cstdio>

namespace mlrun::cli {

std::string human_bytes(std::uint64_t bytes)
{
    static const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    auto value = static_cast<double>(bytes);
    std::size_t unit = 0;
    while (value >= 1024 && unit + 1 < std::size(units)) {
        value /= 1024;
        ++unit;
    }
    char text[32];
    if (unit == 0) {
        std::snprintf(text, sizeof text, "%llu B", static_cast<unsigned long long>(bytes));
    } else {
        std::snprintf(text, sizeof text, "%.1f %s", value, units[unit]);
    }
    return text;
}

ProgressBar::ProgressBar(std::ostream& err, bool enabled, std::string label, std::string unit)
    : m_err(err), m_enabled(enabled), m_label(std::move(label)), m_unit(std::move(unit)),
      m_start(std::chrono::steady_clock::now()), m_last(m_start)
{
}

ProgressBar::~ProgressBar()
{
    finish();
}

void ProgressBar::update(std::uint64_t done, std::uint64_t total)
{
    if (!m_enabled) {
        return;
    }
    m_done = done;
    m_total = total;
    const auto now = std::chrono::steady_clock::now();
    if (m_drawn && now - m_last < std::chrono::milliseconds{100} && done != total) {
        return;
    }
    m_last = now;
    draw(done, total);
}

void ProgressBar::draw(std::uint64_t done, std::uint64_t total)
{
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
    const auto amount = [&](std::uint64_t value) {
        return m_unit.empty() ? human_bytes(value) : std::to_string(value) + " " + m_unit;
    };
    std::string line = "\r" + m_label + "  " + amount(done);
    if (total > 0) {
        const auto percent =
            static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total));
        line += " / " + amount(total) + " (" + std::to_string(percent) + "%)";
    }
    line += "  " + amount(static_cast<std::uint64_t>(rate)) + "/s";
    if (total > done && rate > 0) {
        const auto left = static_cast<long long>(static_cast<double>(total - done) / rate);
        char eta[32];
        std::snprintf(eta, sizeof eta, "  ETA %lld:%02lld", left / 60, left % 60);
        line += eta;
    }
    line += "\x1b[K";
    m_err << line << std::flush;
    m_drawn = true;
}

void ProgressBar::finish()
{
    if (m_enabled && m_drawn) {
        draw(m_done, m_total);
        m_err << "\n" << std::flush;
        m_drawn = false;
        m_enabled = false;
    }
}

}  // namespace mlrun::cli
