// Rendering a command's value once, as the spec's human form (table, YAML dump, text) or as
// json/yaml for scripts: then stdout carries exactly one document and nothing else.
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/table.hpp"
#include "lib/json.hpp"

namespace mlrun::cli {

enum class OutputFormat
{
    table,  // the human form the spec defines for the command
    json,
    yaml,
};

// "table" | "json" | "yaml"; throws Error(usage) otherwise.
OutputFormat parse_output_format(const std::string& text);

// A list written item by item, for listings of any length (memory flat): the document
// `{"<name>": [...]}` for scripts, a StreamingTable for people.
class ListWriter
{
public:
    ListWriter(std::ostream& out, OutputFormat format, const TableStyle& style, std::string name,
               std::vector<std::string> headers);
    ListWriter(ListWriter&&) = default;

    bool machine_readable() const { return m_format != OutputFormat::table; }
    void add(const Json& item);                  // json/yaml
    void add_row(std::vector<std::string> row);  // table
    void finish();

private:
    std::ostream& m_out;
    OutputFormat m_format;
    std::string m_name;
    std::size_t m_count = 0;
    std::unique_ptr<StreamingTable> m_table;
};

class Output
{
public:
    Output(std::ostream& out, TableStyle style) : m_out(out), m_style(style) {}

    void set_format(OutputFormat format) { m_format = format; }
    OutputFormat format() const { return m_format; }
    bool is_machine_readable() const { return m_format != OutputFormat::table; }
    const TableStyle& style() const { return m_style; }

    // Shows `value`: json/yaml documents in those formats, otherwise what `human` writes.
    void show(const Json& value, const std::function<void(std::ostream&)>& human);

    // Shows `value`; in the human form as block YAML (what MLRun prints for objects).
    void show(const Json& value);

    // Shows a list under `{"<name>": [...]}` for scripts, or as `table` for people.
    void list(const std::string& name, const Json& items, const Table& table);
    // The same, building only the form that is shown (for long listings).
    void list(const std::string& name, const std::function<Json()>& items,
              const std::function<Table()>& table);

    // Starts a streamed list (see ListWriter); the table has `headers`.
    ListWriter begin_list(const std::string& name, std::vector<std::string> headers);

    // Plain human text (messages such as "Updating configuration in ..."); in json/yaml mode
    // it goes nowhere, since stdout must carry only the document.
    void text(const std::string& line);

private:
    std::ostream& m_out;
    TableStyle m_style;
    OutputFormat m_format = OutputFormat::table;
};

}  // namespace mlrun::cli
