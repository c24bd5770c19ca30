// A table rendered as Python tabulate's "simple" style, which the real tool prints: headers,
// a dashed rule per column, columns separated by two spaces.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <ostream>
#include <string>
#include <vector>

namespace mlrun::cli {

struct TableStyle
{
    bool color = false;     // bold headers
    std::size_t width = 0;  // 0: unlimited; else the widest columns are cut to fit
};

class Table
{
public:
    Table(std::initializer_list<std::string> headers) : m_headers(headers) {}
    explicit Table(std::vector<std::string> headers) : m_headers(std::move(headers)) {}

    // Throws std::logic_error when the row's size differs from the header count.
    void add_row(std::vector<std::string> row);

    bool empty() const { return m_rows.empty(); }
    std::size_t size() const { return m_rows.size(); }

    void render(std::ostream& out, const TableStyle& style = {}) const;

    // The column widths render uses: the widest cell (or header), shrunk to style.width.
    std::vector<std::size_t> widths(const TableStyle& style) const;
    // Renders with given widths; `header`: the headers and the rule first.
    void render(std::ostream& out, const TableStyle& style, const std::vector<std::size_t>& widths,
                bool header) const;

private:
    std::vector<std::string> m_headers;
    std::vector<std::vector<std::string>> m_rows;
};

// A table of any length written as it comes: the first `sample` rows set the column widths
// (a later, wider cell is cut with an ellipsis); memory stays that of the sample.
class StreamingTable
{
public:
    StreamingTable(std::vector<std::string> headers, std::ostream& out, TableStyle style,
                   std::size_t sample = 1000);
    void add_row(std::vector<std::string> row);
    void finish();  // writes what is still held

private:
    void flush();

    std::vector<std::string> m_headers;
    std::ostream& m_out;
    TableStyle m_style;
    std::size_t m_sample;
    Table m_held;
    std::vector<std::size_t> m_widths;
    bool m_started = false;
};

// Display width of UTF-8 text (code points; combining marks and wide glyphs not special-cased).
std::size_t display_width(const std::string& text);

}  // namespace mlrun::cli
