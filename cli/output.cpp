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

void Output::text(const std::string& line)
{
    if (m_format == OutputFormat::table) {
        m_out << line << '\n';
        m_out.flush();
    }
}

}  // namespace mlrun::cli
