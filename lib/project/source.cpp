// Classifying project sources.

#include "lib/project/source.hpp"

#include <filesystem>

#include "lib/archive/extract.hpp"
#include "lib/error.hpp"
#include "lib/git/repository.hpp"
#include "lib/util/redact.hpp"

namespace mlrun::project {
namespace {

bool is_yaml_name(const std::string& name)
{
    return name.ends_with(".yaml") || name.ends_with(".yml");
}

std::string scheme_of(const std::string& url)
{
    const auto at = url.find("://");
    return at == std::string::npos ? "" : url.substr(0, at);
}

// `url#ref` -> (url, ref).
std::pair<std::string, std::string> split_fragment(const std::string& url)
{
    const auto hash = url.find('#');
    if (hash == std::string::npos) {
        return {url, ""};
    }
    return {url.substr(0, hash), url.substr(hash + 1)};
}

ProjectSource git_source(const std::string& url)
{
    auto [base, reference] = split_fragment(url);
    ProjectSource source;
    source.kind = SourceKind::git;
    source.url = url;
    source.reference = reference;
    if (base.starts_with("git://")) {
        source.location = "https://" + base.substr(6);  // MLRun clones git:// over https
    } else {
        source.location = base;
    }
    return source;
}

[[noreturn]] void unsupported(const std::string& url)
{
    throw Error("unsupported project source '" + util::redact_url_password(url) +
                    "': supported are a folder, git://, https:// or ssh:// git repositories, "
                    "file:// repositories, .zip/.tar.gz/.yaml files (local or remote), and "
                    "db://NAME",
                ErrorKind::usage);
}

ProjectSource classify_remote(const std::string& url)
{
    const auto scheme = scheme_of(url);
    const auto [base, fragment] = split_fragment(url);
    if (scheme == "db") {
        ProjectSource source{SourceKind::db, url, url, "", url.substr(5)};
        if (source.name.empty()) {
            throw Error("db:// needs a project name (db://NAME)", ErrorKind::usage);
        }
        return source;
    }
    if (scheme == "git" || scheme == "ssh") {
        return git_source(url);
    }
    if (scheme == "http" || scheme == "https" || scheme == "file") {
        if (is_yaml_name(base)) {
            return {SourceKind::yaml, url, scheme == "file" ? base.substr(7) : base, "", ""};
        }
        if (archive::is_archive_name(base)) {
            return {SourceKind::archive, url, scheme == "file" ? base.substr(7) : base, "", ""};
        }
        return git_source(url);
    }
    unsupported(url);
}

}  // namespace

std::string ProjectSource::shown() const
{
    return util::redact_url_password(url);
}

std::string ProjectSource::recorded_git_url(const std::string& resolved_reference) const
{
    const auto base = git::strip_credentials(split_fragment(url).first);
    return resolved_reference.empty() ? base : base + "#" + resolved_reference;
}

ProjectSource classify_source(const std::string& url)
{
    if (url.empty()) {
        throw Error("the project source is empty", ErrorKind::usage);
    }
    if (url.find("://") != std::string::npos) {
        return classify_remote(url);
    }
    if (url.starts_with("git@")) {
        return git_source(url);
    }
    std::error_code error;
    const auto status = std::filesystem::status(url, error);
    if (std::filesystem::is_directory(status)) {
        return {SourceKind::directory, url, url, "", ""};
    }
    if (std::filesystem::is_regular_file(status)) {
        if (is_yaml_name(url)) {
            return {SourceKind::yaml, url, url, "", ""};
        }
        if (archive::is_archive_name(url)) {
            return {SourceKind::archive, url, url, "", ""};
        }
        throw Error("'" + url + "' is neither a project YAML file nor an archive", ErrorKind::usage,
                    "give a folder, a .yaml/.zip/.tar.gz file or a git URL");
    }
    throw Error("project source '" + url + "' does not exist", ErrorKind::not_found);
}

ProjectSource classify_url_option(const std::string& url)
{
    if (url.find("://") != std::string::npos) {
        return classify_remote(url);
    }
    if (is_yaml_name(url) || archive::is_archive_name(url)) {
        return classify_source(url);
    }
    return {SourceKind::db, url, url, "", url};
}

GitCredentials git_credentials(const config::Environment& environment)
{
    for (const char* name : {"GITHUB_TOKEN", "GITLAB_TOKEN", "GIT_TOKEN"}) {
        const auto token = config::lookup(environment, name);
        if (token && !token->empty()) {
            if (token->starts_with("github_pat_") || token->starts_with("glpat")) {
                return {"oauth2", *token};
            }
            return {*token, "x-oauth-basic"};
        }
    }
    const auto user = config::lookup(environment, "GIT_USERNAME");
    const auto password = config::lookup(environment, "GIT_PASSWORD");
    return {user.value_or(""), password.value_or("")};
}

}  // namespace mlrun::project
