// A table rendered as Python tabulate's "simple" style.

#include "cli/table.hpp"

#include <algorithm>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace mlrun::cli {
namespace {

constexpr std::string_view separator = "  ";
constexpr std::string_view ellipsis = "…";

// The longest prefix of `text` that fits in `width` columns, with an ellipsis when cut.
std::string cut(const std::string& text, std::size_t width)
{
    if (display_width(text) <= width) {
        return text;
    }
    if (width == 0) {
        return {};
    }
    std::string out;
    std::size_t used = 0;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = 1;
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte >= 0xF0) {
            length = 4;
        } else if (byte >= 0xE0) {
            length = 3;
        } else if (byte >= 0xC0) {
            length = 2;
        }
        if (used + 1 >= width) {
            break;
        }
        out.append(text, i, length);
        ++used;
        i += length;
    }
    return out + std::string{ellipsis};
}

// Whether a column holds identifiers a person copies (uids, ids): shown whole at any width.
bool keeps_width(std::string_view header)
{
    return header == "uid" || header == "id" || header.ends_with(" uid");
}

// Appends a cell: `text` cut to `width`, padded unless it is the last of the line.
void append_cell(std::string& line, const std::string& text, std::size_t width, bool last)
{
    const auto used = display_width(text);
    if (used > width) {
        const auto shown = cut(text, width);
        line += shown;
        if (!last) {
            const auto shown_width = display_width(shown);
            line.append(width > shown_width ? width - shown_width : 0, ' ');
            line += separator;
        }
        return;
    }
    line += text;
    if (!last) {
        line.append(width - used, ' ');
        line += separator;
    }
}

// Appends `line` without its trailing blanks (empty last cells) and a newline.
void append_line(std::string& out, std::string& line)
{
    line.erase(line.find_last_not_of(' ') + 1);
    out += line;
    out += '\n';
    line.clear();
}

}  // namespace

std::size_t display_width(const std::string& text)
{
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

void Table::add_row(std::vector<std::string> row)
{
    if (row.size() != m_headers.size()) {
        throw std::logic_error("table row has " + std::to_string(row.size()) + " cells, expected " +
                               std::to_string(m_headers.size()));
    }
    for (auto& cell : row) {
        std::replace(cell.begin(), cell.end(), '\n', ' ');
    }
    m_rows.push_back(std::move(row));
}

std::vector<std::size_t> Table::widths(const TableStyle& style) const
{
    std::vector<std::size_t> widths(m_headers.size());
    for (std::size_t c = 0; c < m_headers.size(); ++c) {
        widths[c] = display_width(m_headers[c]);
        for (const auto& row : m_rows) {
            widths[c] = std::max(widths[c], display_width(row[c]));
        }
    }
    if (style.width > 0 && !widths.empty()) {
        const auto total = [&] {
            return std::accumulate(widths.begin(), widths.end(), std::size_t{0}) +
                   separator.size() * (widths.size() - 1);
        };
        // Shrink the widest column that can give, one at a time, down to its header (min 6).
        // Uid columns are never cut: a person copies them into the next command.
        std::vector<std::size_t> floors(widths.size());
        for (std::size_t c = 0; c < widths.size(); ++c) {
            floors[c] = keeps_width(m_headers[c])
                            ? widths[c]
                            : std::max<std::size_t>(6, display_width(m_headers[c]));
        }
        while (total() > style.width) {
            std::size_t column = widths.size();
            for (std::size_t c = 0; c < widths.size(); ++c) {
                if (widths[c] > floors[c] &&
                    (column == widths.size() || widths[c] > widths[column])) {
                    column = c;
                }
            }
            if (column == widths.size()) {
                break;
            }
            widths[column] -= std::min(widths[column] - floors[column], total() - style.width);
        }
    }
    return widths;
}

void Table::render(std::ostream& stream, const TableStyle& style) const
{
    render(stream, style, widths(style), true);
}

void Table::render(std::ostream& stream, const TableStyle& style,
                   const std::vector<std::size_t>& widths, bool header) const
{
    const auto last = m_headers.size() - 1;
    std::string text;
    std::string line;
    if (header) {
        for (std::size_t c = 0; c < m_headers.size(); ++c) {
            const auto cell = cut(m_headers[c], widths[c]);
            line += style.color ? "\033[1m" : "";
            line += cell;
            line += style.color ? "\033[0m" : "";
            if (c != last) {
                const auto used = display_width(cell);
                line.append(widths[c] > used ? widths[c] - used : 0, ' ');
                line += separator;
            }
        }
        append_line(text, line);
        for (std::size_t c = 0; c < m_headers.size(); ++c) {
            append_cell(line, std::string(widths[c], '-'), widths[c], c == last);
        }
        append_line(text, line);
    }
    for (const auto& row : m_rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            append_cell(line, row[c], widths[c], c == last);
        }
        append_line(text, line);
    }
    stream.write(text.data(), static_cast<std::streamsize>(text.size()));
}

StreamingTable::StreamingTable(std::vector<std::string> headers, std::ostream& out,
                               TableStyle style, std::size_t sample)
    : m_headers(headers), m_out(out), m_style(style), m_sample(std::max<std::size_t>(sample, 1)),
      m_held(std::move(headers))
{
}

void StreamingTable::add_row(std::vector<std::string> row)
{
    m_held.add_row(std::move(row));
    if (m_held.size() >= m_sample) {
        flush();
    }
}

void StreamingTable::flush()
{
    if (!m_started) {
        m_widths = m_held.widths(m_style);
    }
    m_held.render(m_out, m_style, m_widths, !m_started);
    m_started = true;
    m_held = Table{m_headers};
    m_sample = 256;  // later rows go out in small batches
}

void StreamingTable::finish()
{
    if (!m_started || !m_held.empty()) {
        flush();
    }
    m_out.flush();
}

}  // namespace mlrun::cli
