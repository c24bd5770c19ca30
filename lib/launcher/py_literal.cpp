// Python literal syntax, as MLRun parses `-p key=value`.

#include "lib/launcher/py_literal.hpp"

#include <cctype>
#include <charconv>
#include <cmath>

#include "lib/util/strings.hpp"

namespace mlrun::launcher {
namespace {

class Parser
{
public:
    explicit Parser(std::string_view text) : m_text(text) {}

    std::optional<Json> whole()
    {
        auto value = parse_value();
        skip_space();
        if (!value || m_at != m_text.size()) {
            return std::nullopt;
        }
        return value;
    }

private:
    void skip_space()
    {
        while (m_at < m_text.size() &&
               std::isspace(static_cast<unsigned char>(m_text[m_at])) != 0) {
            ++m_at;
        }
    }

    bool take(char c)
    {
        skip_space();
        if (m_at < m_text.size() && m_text[m_at] == c) {
            ++m_at;
            return true;
        }
        return false;
    }

    bool take_word(std::string_view word)
    {
        skip_space();
        if (m_text.substr(m_at, word.size()) != word) {
            return false;
        }
        const auto end = m_at + word.size();
        if (end < m_text.size() &&
            (std::isalnum(static_cast<unsigned char>(m_text[end])) != 0 || m_text[end] == '_')) {
            return false;
        }
        m_at = end;
        return true;
    }

    std::optional<Json> parse_value(int depth = 0)
    {
        if (depth > 64) {
            return std::nullopt;
        }
        skip_space();
        if (m_at >= m_text.size()) {
            return std::nullopt;
        }
        const char c = m_text[m_at];
        if (c == '\'' || c == '"') {
            return parse_string();
        }
        if (c == '[' || c == '(' || c == '{') {
            return parse_container(depth);
        }
        if (take_word("True")) {
            return Json(true);
        }
        if (take_word("False")) {
            return Json(false);
        }
        if (take_word("None")) {
            return Json(nullptr);
        }
        return parse_number();
    }

    std::optional<Json> parse_string()
    {
        const char quote = m_text[m_at];
        const bool triple = m_text.substr(m_at, 3) == std::string(3, quote);
        m_at += triple ? 3 : 1;
        std::string out;
        while (m_at < m_text.size()) {
            const char c = m_text[m_at];
            if (triple ? m_text.substr(m_at, 3) == std::string(3, quote) : c == quote) {
                m_at += triple ? 3 : 1;
                return Json(out);
            }
            if (c == '\n' && !triple) {
                return std::nullopt;
            }
            if (c == '\\' && m_at + 1 < m_text.size()) {
                const char next = m_text[m_at + 1];
                m_at += 2;
                switch (next) {
                case 'n': out += '\n'; break;
                case 't': out += '\t'; break;
                case 'r': out += '\r'; break;
                case '0': out += '\0'; break;
                case '\\': out += '\\'; break;
                case '\'': out += '\''; break;
                case '"': out += '"'; break;
                default: out += '\\'; out += next;
                }
                continue;
            }
            out += c;
            ++m_at;
        }
        return std::nullopt;
    }

    std::optional<Json> parse_container(int depth)
    {
        const char open = m_text[m_at++];
        const char close = open == '[' ? ']' : open == '(' ? ')' : '}';
        bool is_dict = false;
        Json list = Json::array();
        Json dict = Json::object();
        bool first = true;
        while (true) {
            if (take(close)) {
                break;
            }
            if (!first && !take(',')) {
                return std::nullopt;
            }
            if (take(close)) {  // trailing comma
                break;
            }
            auto item = parse_value(depth + 1);
            if (!item) {
                return std::nullopt;
            }
            if (open == '{' && (first ? take(':') : is_dict)) {
                if (first) {
                    is_dict = true;
                } else if (!take(':')) {
                    return std::nullopt;
                }
                auto value = parse_value(depth + 1);
                if (!value) {
                    return std::nullopt;
                }
                const auto key = item->is_string() ? item->get<std::string>() : item->dump();
                dict[key] = std::move(*value);
            } else {
                list.push_back(std::move(*item));
            }
            first = false;
        }
        if (open == '{' && (is_dict || list.empty())) {
            return dict;
        }
        return list;
    }

    std::optional<Json> parse_number()
    {
        skip_space();
        const auto start = m_at;
        if (m_at < m_text.size() && (m_text[m_at] == '-' || m_text[m_at] == '+')) {
            ++m_at;
        }
        bool is_float = false;
        while (m_at < m_text.size()) {
            const char c = m_text[m_at];
            if (std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '_') {
                ++m_at;
            } else if (c == '.' || c == 'e' || c == 'E') {
                is_float = true;
                ++m_at;
                if ((c == 'e' || c == 'E') && m_at < m_text.size() &&
                    (m_text[m_at] == '-' || m_text[m_at] == '+')) {
                    ++m_at;
                }
            } else {
                break;
            }
        }
        auto digits = util::replace_all(m_text.substr(start, m_at - start), "_", "");
        if (digits.starts_with('+')) {
            digits.erase(0, 1);
        }
        if (digits.empty() || digits == "-") {
            return std::nullopt;
        }
        if (is_float) {
            double value = 0;
            const auto [end, error] =
                std::from_chars(digits.data(), digits.data() + digits.size(), value);
            if (error != std::errc{} || end != digits.data() + digits.size()) {
                return std::nullopt;
            }
            return Json(value);
        }
        if (digits.size() > 1 && (digits[0] == '0' || (digits[0] == '-' && digits[1] == '0')) &&
            digits.find_first_not_of("-0") != std::string::npos) {
            return std::nullopt;  // Python 3 rejects leading zeros
        }
        std::int64_t value = 0;
        const auto [end, error] =
            std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (error == std::errc::result_out_of_range) {
            return Json(digits);  // caller reports "exceeds int64"
        }
        if (error != std::errc{} || end != digits.data() + digits.size()) {
            return std::nullopt;
        }
        return Json(value);
    }

    std::string_view m_text;
    std::size_t m_at = 0;
};

}  // namespace

std::optional<Json> parse_python_literal(std::string_view text)
{
    return Parser{text}.whole();
}

Json parse_parameter_value(std::string_view text)
{
    if (auto value = parse_python_literal(text)) {
        return std::move(*value);
    }
    return std::string{text};
}

}  // namespace mlrun::launcher
