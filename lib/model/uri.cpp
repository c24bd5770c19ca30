// The URIs that name MLRun objects.

#include "lib/model/uri.hpp"

#include <charconv>

#include "lib/error.hpp"

namespace mlrun::model {
namespace {

std::string_view strip_scheme(std::string_view text, std::string_view scheme,
                              std::string_view grammar)
{
    if (!text.starts_with(scheme)) {
        throw Error("'" + std::string{text} + "' is not a " + std::string{scheme} + " URI",
                    ErrorKind::usage, "expected " + std::string{grammar});
    }
    return text.substr(scheme.size());
}

}  // namespace

std::string DbUri::to_string() const
{
    auto out = "db://" + (project.empty() ? std::string{} : project + "/") + name;
    if (!hash.empty()) {
        return out + "@" + hash;
    }
    return tag.empty() ? out : out + ":" + tag;
}

DbUri parse_db_uri(std::string_view text)
{
    constexpr std::string_view grammar = "db://[<project>/]<name>[:<tag>|@<hash>]";
    auto rest = strip_scheme(text, "db://", grammar);
    DbUri uri;
    if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
        uri.project = rest.substr(0, slash);
        rest.remove_prefix(slash + 1);
    }
    if (const auto colon = rest.find(':'); colon != std::string_view::npos) {
        uri.tag = rest.substr(colon + 1);
        rest = rest.substr(0, colon);
    }
    if (const auto at = rest.find('@'); at != std::string_view::npos) {
        uri.hash = rest.substr(at + 1);
        rest = rest.substr(0, at);
    }
    uri.name = rest;
    if (uri.name.empty()) {
        throw Error("'" + std::string{text} + "' names no function", ErrorKind::usage,
                    "expected " + std::string{grammar});
    }
    return uri;
}

std::string StoreUri::to_string() const
{
    auto out = "store://" + prefix + "/" + (project.empty() ? std::string{} : project + "/") + key;
    if (iter) {
        out += "#" + std::to_string(*iter);
    }
    if (!tag.empty()) {
        out += ":" + tag;
    }
    if (!tree.empty()) {
        out += "@" + tree;
    }
    return out;
}

StoreUri parse_store_uri(std::string_view text)
{
    constexpr std::string_view grammar =
        "store://[artifacts|datasets|models/][<project>/]<key>[#<iter>][:<tag>][@<tree>]";
    auto rest = strip_scheme(text, "store://", grammar);
    StoreUri uri;
    if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
        const auto first = rest.substr(0, slash);
        if (first == "artifacts" || first == "datasets" || first == "models" ||
            first == "feature-sets" || first == "feature-vectors") {
            uri.prefix = first;
            rest.remove_prefix(slash + 1);
        }
    }
    if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
        uri.project = rest.substr(0, slash);
        rest.remove_prefix(slash + 1);
    }
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
        uri.tree = rest.substr(at + 1);
        rest = rest.substr(0, at);
    }
    if (const auto colon = rest.rfind(':'); colon != std::string_view::npos) {
        uri.tag = rest.substr(colon + 1);
        rest = rest.substr(0, colon);
    }
    if (const auto hash = rest.rfind('#'); hash != std::string_view::npos) {
        const auto digits = rest.substr(hash + 1);
        std::int64_t iter = 0;
        const auto [end, error] =
            std::from_chars(digits.data(), digits.data() + digits.size(), iter);
        if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() ||
            iter < 0) {
            throw Error("iteration '" + std::string{digits} + "' in '" + std::string{text} +
                            "' is not a non-negative integer",
                        ErrorKind::usage, "expected " + std::string{grammar});
        }
        uri.iter = iter;
        rest = rest.substr(0, hash);
    }
    uri.key = rest;
    if (uri.key.empty()) {
        throw Error("'" + std::string{text} + "' names no artifact", ErrorKind::usage,
                    "expected " + std::string{grammar});
    }
    return uri;
}

std::string HubUri::to_string() const
{
    auto out = "hub://" + (source.empty() ? std::string{} : source + "/") + name;
    return tag.empty() ? out : out + ":" + tag;
}

HubUri parse_hub_uri(std::string_view text)
{
    constexpr std::string_view grammar = "hub://[<source>/]<name>[:<tag>]";
    auto rest = strip_scheme(text, "hub://", grammar);
    HubUri uri;
    if (const auto slash = rest.rfind('/'); slash != std::string_view::npos) {
        uri.source = rest.substr(0, slash);
        rest.remove_prefix(slash + 1);
    }
    if (const auto colon = rest.find(':'); colon != std::string_view::npos) {
        uri.tag = rest.substr(colon + 1);
        rest = rest.substr(0, colon);
    }
    uri.name = rest;
    if (uri.name.empty()) {
        throw Error("'" + std::string{text} + "' names no hub function", ErrorKind::usage,
                    "expected " + std::string{grammar});
    }
    return uri;
}

}  // namespace mlrun::model
