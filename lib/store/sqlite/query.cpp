// A WHERE clause built from optional filters.

#include "lib/store/sqlite/query.hpp"

namespace mlrun::store::sqlite {

std::string Query::clause() const
{
    std::string sql;
    for (std::size_t i = 0; i < m_conditions.size(); ++i) {
        sql += (i == 0 ? " WHERE " : " AND ") + m_conditions[i];
    }
    return sql;
}

void Query::bind(Statement& statement) const
{
    int index = 1;
    for (const auto& value : m_values) {
        std::visit([&](const auto& v) { statement.bind(index, v); }, value);
        ++index;
    }
}

void Query::where_labels(const std::vector<std::string>& labels, const std::string& table,
                         const std::string& id_column, const std::string& outer_id)
{
    for (const auto& label : labels) {
        const auto equals = label.find('=');
        const auto exists = "EXISTS (SELECT 1 FROM " + table + " l WHERE l." + id_column + " = " +
                            outer_id + " AND l.key = ?";
        if (equals == std::string::npos) {
            where(exists + ")", label);
        } else {
            where(exists + " AND l.value = ?)", label.substr(0, equals), label.substr(equals + 1));
        }
    }
}

}  // namespace mlrun::store::sqlite
