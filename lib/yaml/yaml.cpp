// The one place YAML is read and written (yaml-cpp is included here only).

#include "lib/yaml/yaml.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <regex>

#include <yaml-cpp/yaml.h>

#include "lib/error.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::yaml {
namespace {

bool is_null_word(const std::string& s)
{
    return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

std::optional<bool> bool_word(const std::string& s)
{
    static const char* const truthy[] = {"yes",  "Yes", "YES", "true", "True",
                                         "TRUE", "on",  "On",  "ON"};
    static const char* const falsy[] = {"no",    "No",  "NO",  "false", "False",
                                        "FALSE", "off", "Off", "OFF"};
    for (const char* word : truthy) {
        if (s == word) {
            return true;
        }
    }
    for (const char* word : falsy) {
        if (s == word) {
            return false;
        }
    }
    return std::nullopt;
}

std::string without_underscores(const std::string& s)
{
    std::string out;
    for (char c : s) {
        if (c != '_') {
            out += c;
        }
    }
    return out;
}

std::optional<Json> int_value(const std::string& s)
{
    static const std::regex decimal{R"([-+]?(0|[1-9][0-9_]*))"};
    static const std::regex hex{R"([-+]?0x[0-9a-fA-F_]+)"};
    static const std::regex octal{R"([-+]?0[0-7_]+)"};
    static const std::regex binary{R"([-+]?0b[0-1_]+)"};
    int base = 0;
    std::size_t skip = 0;
    if (std::regex_match(s, decimal)) {
        base = 10;
    } else if (std::regex_match(s, hex)) {
        base = 16;
        skip = 2;
    } else if (std::regex_match(s, binary)) {
        base = 2;
        skip = 2;
    } else if (std::regex_match(s, octal)) {
        base = 8;
        skip = 1;
    } else {
        return std::nullopt;
    }
    auto digits = without_underscores(s);
    bool negative = false;
    if (digits[0] == '-' || digits[0] == '+') {
        negative = digits[0] == '-';
        digits.erase(0, 1);
    }
    digits.erase(0, skip);
    std::uint64_t magnitude = 0;
    const auto [end, error] =
        std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
    if (error != std::errc{} || end != digits.data() + digits.size()) {
        return Json(s);  // out of range: keep the text rather than lose digits
    }
    if (!negative) {
        return Json(magnitude);
    }
    if (magnitude > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1) {
        return Json(s);
    }
    return Json(static_cast<std::int64_t>(0 - magnitude));
}

std::optional<Json> float_value(const std::string& s)
{
    static const std::regex number{R"([-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?)"};
    if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf" || s == "+.Inf" || s == "+.INF") {
        return Json(std::numeric_limits<double>::infinity());
    }
    if (s == "-.inf" || s == "-.Inf" || s == "-.INF") {
        return Json(-std::numeric_limits<double>::infinity());
    }
    if (s == ".nan" || s == ".NaN" || s == ".NAN") {
        return Json(std::numeric_limits<double>::quiet_NaN());
    }
    if (s == "." || !std::regex_match(s, number)) {
        return std::nullopt;
    }
    const auto digits = without_underscores(s);
    const char* begin = digits.data();
    if (*begin == '+') {
        ++begin;
    }
    double value = 0;
    const auto [end, error] = std::from_chars(begin, digits.data() + digits.size(), value);
    if (error != std::errc{} || end != digits.data() + digits.size()) {
        return std::nullopt;
    }
    return Json(value);
}

std::string where(const std::string& source, const YAML::Mark& mark)
{
    if (mark.is_null()) {
        return source;
    }
    return source + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

struct Walk
{
    const std::string& source;
    Locations* locations;  // null when the caller does not want them
    std::size_t budget;    // values still allowed: aliases must not expand without bound
};

// A document's text may not be larger than this; its values (aliases expanded) may not be more
// than 200,000 plus ten per byte of text.
constexpr std::size_t max_document_bytes = 128 * 1024 * 1024;

std::size_t value_budget(std::size_t text_size)
{
    return 200'000 + 10 * text_size;
}

// Values nest at most this deep (the converter refuses deeper ones too); flow brackets deeper
// than this are refused before the recursive parser sees them, whose stack they would exhaust.
constexpr int max_depth = 256;

// The offset of the first flow bracket nested deeper than max_depth, skipping quoted scalars
// and comments; nullopt when there is none.
std::optional<std::size_t> too_deep_flow(std::string_view text)
{
    int depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n')) {
            i = std::min(text.find('\n', i), text.size());
        } else if ((c == '\'' || c == '"') &&
                   (i == 0 || std::string_view{" [{,:\n"}.find(text[i - 1]) != std::string::npos)) {
            for (++i; i < text.size() && text[i] != c; ++i) {
                if (c == '"' && text[i] == '\\') {
                    ++i;
                }
            }
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth) {
                return i;
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

// Line and column (1-based) of byte `offset` in `text`.
std::string position_of(std::string_view text, std::size_t offset)
{
    std::size_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    return std::to_string(line) + ":" + std::to_string(offset - line_start + 1);
}

Json convert(const YAML::Node& node, Walk& walk, const std::string& pointer, int depth);

std::string escape_pointer_token(const std::string& token)
{
    std::string out;
    for (const char c : token) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

void merge_into(Json& object, const Json& from)
{
    for (auto it = from.begin(); it != from.end(); ++it) {
        if (!object.contains(it.key())) {
            object[it.key()] = it.value();
        }
    }
}

Json convert_map(const YAML::Node& node, Walk& walk, const std::string& pointer, int depth)
{
    const auto& source = walk.source;
    Json object = Json::object();
    Json merged = Json::object();
    for (const auto& entry : node) {
        const auto& key_node = entry.first;
        if (!key_node.IsScalar()) {
            throw Error(where(source, key_node.Mark()) + ": mapping keys must be scalars",
                        ErrorKind::usage);
        }
        const auto& key = key_node.Scalar();
        if (key == "<<" && key_node.Tag() == "?") {
            const auto value = convert(entry.second, walk, pointer + "/<<", depth + 1);
            if (value.is_object()) {
                merge_into(merged, value);
            } else if (value.is_array()) {
                for (const auto& item : value) {
                    if (item.is_object()) {
                        merge_into(merged, item);
                    }
                }
            }
            continue;
        }
        const auto child =
            walk.locations == nullptr ? std::string{} : pointer + "/" + escape_pointer_token(key);
        if (walk.locations != nullptr) {
            const auto& mark = key_node.Mark();
            (*walk.locations)[child + "#key"] = Position{mark.line + 1, mark.column + 1};
        }
        object[key] = convert(entry.second, walk, child, depth + 1);
    }
    merge_into(object, merged);
    return object;
}

Json convert(const YAML::Node& node, Walk& walk, const std::string& pointer, int depth)
{
    if (depth > max_depth) {
        throw Error(where(walk.source, node.Mark()) + ": YAML nested too deeply", ErrorKind::usage);
    }
    if (walk.budget == 0) {
        throw Error(where(walk.source, node.Mark()) +
                        ": YAML aliases expand to too many values (over " +
                        std::to_string(value_budget(0)) + " plus 10 per byte of the document)",
                    ErrorKind::usage,
                    "a document whose anchors refer to anchors (a \"billion laughs\") is refused");
    }
    --walk.budget;
    if (walk.locations != nullptr && !node.Mark().is_null()) {
        (*walk.locations)[pointer] = Position{node.Mark().line + 1, node.Mark().column + 1};
    }
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null: return nullptr;
    case YAML::NodeType::Scalar: {
        const auto& tag = node.Tag();
        if (tag == "?") {
            return resolve_plain_scalar(node.Scalar());
        }
        if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float" ||
            tag == "tag:yaml.org,2002:bool" || tag == "tag:yaml.org,2002:null") {
            return resolve_plain_scalar(node.Scalar());
        }
        return node.Scalar();
    }
    case YAML::NodeType::Sequence: {
        Json array = Json::array();
        for (const auto& item : node) {
            const auto child = walk.locations == nullptr
                                   ? std::string{}
                                   : pointer + "/" + std::to_string(array.size());
            array.push_back(convert(item, walk, child, depth + 1));
        }
        return array;
    }
    case YAML::NodeType::Map: return convert_map(node, walk, pointer, depth);
    }
    return nullptr;
}

// Python repr-like shortest form, always readable back as a float.
std::string float_text(double value)
{
    if (std::isnan(value)) {
        return ".nan";
    }
    if (std::isinf(value)) {
        return value > 0 ? ".inf" : "-.inf";
    }
    char buffer[64];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    std::string text(buffer, error == std::errc{} ? end : buffer);
    const auto exponent = text.find('e');
    if (text.find('.') == std::string::npos) {
        if (exponent == std::string::npos) {
            text += ".0";
        } else {
            text.insert(exponent, ".0");
        }
    }
    return text;
}

// A YAML 1.1 timestamp (what PyYAML's safe_load turns into a datetime): written quoted, so
// every YAML reader gets the string MLRun's output gives it.
bool looks_like_timestamp(const std::string& text)
{
    static const std::regex timestamp{
        R"(^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?)"
        R"(([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?)?$)"};
    return text.size() >= 8 && text.size() <= 64 && text[4] == '-' &&
           std::regex_match(text, timestamp);
}

void emit(YAML::Emitter& out, const Json& value)
{
    switch (value.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded: out << YAML::Null; break;
    case Json::value_t::boolean: out << value.get<bool>(); break;
    case Json::value_t::number_integer: out << value.get<std::int64_t>(); break;
    case Json::value_t::number_unsigned: out << value.get<std::uint64_t>(); break;
    case Json::value_t::number_float: out << float_text(value.get<double>()); break;
    case Json::value_t::string: {
        const auto& text = value.get_ref<const std::string&>();
        if (!resolve_plain_scalar(text).is_string() || looks_like_timestamp(text)) {
            out << YAML::SingleQuoted << text;
        } else {
            out << text;
        }
        break;
    }
    case Json::value_t::binary: out << YAML::Null; break;
    case Json::value_t::array:
        if (value.empty()) {
            out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
            break;
        }
        out << YAML::BeginSeq;
        for (const auto& item : value) {
            emit(out, item);
        }
        out << YAML::EndSeq;
        break;
    case Json::value_t::object:
        if (value.empty()) {
            out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
            break;
        }
        out << YAML::BeginMap;
        for (auto it = value.begin(); it != value.end(); ++it) {
            out << YAML::Key;
            if (!resolve_plain_scalar(it.key()).is_string()) {
                out << YAML::SingleQuoted;
            }
            out << it.key() << YAML::Value;
            emit(out, it.value());
        }
        out << YAML::EndMap;
        break;
    }
}

}  // namespace

Json resolve_plain_scalar(const std::string& text)
{
    if (is_null_word(text)) {
        return nullptr;
    }
    if (const auto flag = bool_word(text)) {
        return *flag;
    }
    const char first = text.front();
    if ((first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.') {
        if (auto number = int_value(text)) {
            return *number;
        }
        if (auto number = float_value(text)) {
            return *number;
        }
    }
    return text;
}

Json parse(std::string_view text, const std::string& source, Locations* locations)
{
    if (text.size() > max_document_bytes) {
        throw Error(source + ": the YAML document is " + std::to_string(text.size() >> 20) +
                        " MiB, over the " + std::to_string(max_document_bytes >> 20) + " MiB limit",
                    ErrorKind::usage);
    }
    if (const auto offset = util::invalid_utf8_offset(text)) {
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[*offset]));
        throw Error(source + ":" + position_of(text, *offset) + ": not valid UTF-8 (byte " + byte +
                        " at offset " + std::to_string(*offset) + ")",
                    ErrorKind::usage, "YAML files must be UTF-8; re-save it with that encoding");
    }
    if (const auto offset = too_deep_flow(text)) {
        throw Error(source + ":" + position_of(text, *offset) + ": YAML nested too deeply (over " +
                        std::to_string(max_depth) + " levels)",
                    ErrorKind::usage);
    }
    YAML::Node root;
    try {
        root = YAML::Load(std::string{text});
    } catch (const YAML::Exception& error) {
        throw Error(where(source, error.mark) + ": invalid YAML: " + error.msg, ErrorKind::usage);
    }
    Walk walk{source, locations, value_budget(text.size())};
    return convert(root, walk, "", 0);
}

std::string dump(const Json& value)
{
    YAML::Emitter out;
    out.SetNullFormat(YAML::LowerNull);
    out.SetIndent(2);
    emit(out, value);
    std::string text = out.c_str();
    if (text.empty() || text.back() != '\n') {
        text += '\n';
    }
    return text;
}

}  // namespace mlrun::yaml
