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

private:
    std::vector<std::string> m_headers;
    std::vector<std::vector<std::string>> m_rows;
};

// Display width of UTF-8 text (code points; combining marks and wide glyphs not special-cased).
std::size_t display_width(const std::string& text);

}  // namespace mlrun::cli
