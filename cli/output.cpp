// Rendering a command's value as the human form or as json/yaml.

#include "cli/output.hpp"

#include "lib/error.hpp"
#include "lib/yaml/yaml.hpp"

namespace mlrun::cli {

OutputFormat parse_output_format(const std::string& text)
{
    if (text == "table") {
        return OutputFormat::table;
    }
    if (text == "json") {
        return OutputFormat::json;
    }
    if (text == "yaml") {
        return OutputFormat::yaml;
    }
    throw Error("invalid output format '" + text + "'", ErrorKind::usage,
                "use one of: table, json, yaml");
}

void Output::show(const Json& value, const std::function<void(std::ostream&)>& human)
{
    switch (m_format) {
    case OutputFormat::json:
        m_out << value.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
        break;
    case OutputFormat::yaml: m_out << yaml::dump(value); break;
    case OutputFormat::table: human(m_out); break;
    }
    m_out.flush();
}

void Output::show(const Json& value)
{
    show(value, [&](std::ostream& out) { out << yaml::dump(value); });
}

void Output::list(const std::string& name, const Json& items, const Table& table)
{
    show(Json{{name, items}}, [&](std::ostream& out) { table.render(out, m_style); });
}

void Output::list(const std::string& name, const std::function<Json()>& items,
                  const std::function<Table()>& table)
{
    if (m_format == OutputFormat::table) {
        table().render(m_out, m_style);
        m_out.flush();
        return;
    }
    show(Json{{name, items()}}, [](std::ostream&) {});
}

ListWriter Output::begin_list(const std::string& name, std::vector<std::string> headers)
{
    return ListWriter{m_out, m_format, m_style, name, std::move(headers)};
}

ListWriter::ListWriter(std::ostream& out, OutputFormat format, const TableStyle& style,
                       std::string name, std::vector<std::string> headers)
    : m_out(out), m_format(format), m_name(std::move(name))
{
    if (m_format == OutputFormat::table) {
        m_table = std::make_unique<StreamingTable>(std::move(headers), out, style);
    }
}

namespace {

// `text` with `first` before its first line and `rest` before each later one.
void indented(std::ostream& out, const std::string& text, std::string_view first,
              std::string_view rest)
{
    std::size_t start = 0;
    bool head = true;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        out << (head ? first : rest);
        out.write(text.data() + start, static_cast<std::streamsize>(end - start));
        if (end < text.size()) {
            out << '\n';
        }
        head = false;
        start = end + 1;
    }
}

}  // namespace

void ListWriter::add(const Json& item)
{
    if (m_format == OutputFormat::json) {
        // As Json{{name, items}}.dump(2) writes it, one item at a time.
        m_out << (m_count == 0 ? "{\n  " + Json(m_name).dump() + ": [\n" : std::string{",\n"});
        indented(m_out, item.dump(2, ' ', false, Json::error_handler_t::replace), "    ", "    ");
    } else if (m_format == OutputFormat::yaml) {
        if (m_count == 0) {
            auto key = yaml::dump(Json(m_name));  // quoted when YAML needs it
            key.pop_back();
            m_out << key << ":\n";
        }
        auto text = yaml::dump(Json::array({item}));
        if (!text.empty() && text.back() == '\n') {
            text.pop_back();
        }
        indented(m_out, text, "  ", "  ");
        m_out << '\n';
    }
    ++m_count;
}

void ListWriter::add_row(std::vector<std::string> row)
{
    if (m_table) {
        m_table->add_row(std::move(row));
    }
}

void ListWriter::finish()
{
    switch (m_format) {
    case OutputFormat::json:
        m_out << (m_count == 0 ? "{\n  " + Json(m_name).dump() + ": []\n}\n"
                               : std::string{"\n  ]\n}\n"});
        break;
    case OutputFormat::yaml:
        if (m_count == 0) {
            m_out << yaml::dump(Json{{m_name, Json::array()}});
        }
        break;
    case OutputFormat::table: m_table->finish(); break;
    }
    m_out.flush();
}

void Output::text(const std::string& line)
{
    if (m_format == OutputFormat::table) {
        m_out << line << '\n';
        m_out.flush();
    }
}

}  // namespace mlrun::cli
