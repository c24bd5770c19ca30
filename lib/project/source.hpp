// Where `mlrun project load` / `mlrun project -u` takes a project from (project-yaml.md §6):
// a folder, a project YAML file, a git repository, an archive, or the run DB.
#pragma once

#include <string>

#include "lib/config/environment.hpp"

namespace mlrun::project {

enum class SourceKind
{
    directory,  // a local folder holding project.yaml (or function.yaml / project_setup.py)
    yaml,       // a project YAML file, local or http(s)
    git,        // git://, or https:// / ssh:// / file:// ending .git or with a #ref
    archive,    // .zip / .tar / .tar.gz, local or http(s)
    db,         // db://NAME or a bare project name
};

struct ProjectSource
{
    SourceKind kind = SourceKind::directory;
    std::string url;        // as given (credentials included; never print it, see shown())
    std::string location;   // path or URL to read, fetch or clone (git: the transport URL)
    std::string reference;  // git: "", refs/heads/B, refs/tags/T, B or a sha
    std::string name;       // db: the project name

    bool remote() const { return location.find("://") != std::string::npos; }
    // The URL with any password replaced by ****.
    std::string shown() const;
    // MLRun's recorded form of a git source: git://host/path#refs/heads/B (credential-free).
    std::string recorded_git_url(const std::string& resolved_reference) const;
};

// Classifies what `mlrun project load SOURCE` was given. A string that names an existing local
// folder or file is taken as such; otherwise MLRun's rules apply. Throws Error(usage) for an
// unsupported scheme, with MLRun's list of supported ones.
ProjectSource classify_source(const std::string& url);

// MLRun's -u rule: everything without `://` that is not a YAML or archive file is a DB name.
ProjectSource classify_url_option(const std::string& url);

struct GitCredentials
{
    std::string username;
    std::string password;
};

// Clone credentials as MLRun picks them: a token in GITHUB_TOKEN, GITLAB_TOKEN or GIT_TOKEN
// wins (github_pat_/glpat tokens as oauth2:<token>, others as <token>:x-oauth-basic), then
// GIT_USERNAME/GIT_PASSWORD. Empty when none is set (credentials in the URL then apply).
GitCredentials git_credentials(const config::Environment& environment);

}  // namespace mlrun::project
