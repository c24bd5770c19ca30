// A WHERE clause built from optional filters, with its bind values in order.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "lib/store/sqlite/database.hpp"

namespace mlrun::store::sqlite {

class Query
{
public:
    // Adds `condition` (with `?` placeholders) and its values, joined with AND.
    template <typename... Values> void where(const std::string& condition, Values... values)
    {
        m_conditions.push_back(condition);
        (m_values.emplace_back(Value{values}), ...);
    }

    // " WHERE a AND b", or "" when there is no condition.
    std::string clause() const;
    void bind(Statement& statement) const;

    // Label requirements (`k` or `k=v`) as EXISTS conditions on `table` keyed by `id_column`.
    void where_labels(const std::vector<std::string>& labels, const std::string& table,
                      const std::string& id_column, const std::string& outer_id);

private:
    using Value = std::variant<std::int64_t, std::string>;
    std::vector<std::string> m_conditions;
    std::vector<Value> m_values;
};

}  // namespace mlrun::store::sqlite
