// Cloning and initialising repositories through libgit2.

#include <cctype>
#include <cstring>

#include "lib/error.hpp"
#include "lib/git/library.hpp"
#include "lib/git/repository.hpp"
#include "lib/util/redact.hpp"

namespace mlrun::git {
namespace {

using detail::library;
using detail::Owned;

struct Credentials
{
    std::string username;
    std::string password;
    int attempts = 0;
};

int provide_credentials(git_credential** out, const char* /*url*/, const char* username_from_url,
                        unsigned int allowed, void* payload)
{
    auto& credentials = *static_cast<Credentials*>(payload);
    if ((allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) == 0 || credentials.attempts++ > 0) {
        return GIT_EUSER;  // nothing (more) to offer: fail instead of asking again forever
    }
    const std::string user = !credentials.username.empty()  ? credentials.username
                             : username_from_url != nullptr ? username_from_url
                                                            : "";
    if (user.empty() && credentials.password.empty()) {
        return GIT_EUSER;
    }
    return library().git_credential_userpass_plaintext_new(out, user.c_str(),
                                                           credentials.password.c_str());
}

// Splits `scheme://user:password@host/...` into the URL without them and the two parts.
std::string take_userinfo(const std::string& url, Credentials& credentials)
{
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) {
        return url;
    }
    const auto host = scheme + 3;
    const auto slash = url.find('/', host);
    const auto at = url.rfind('@', slash == std::string::npos ? url.size() : slash);
    if (at == std::string::npos || at < host) {
        return url;
    }
    const auto userinfo = url.substr(host, at - host);
    const auto colon = userinfo.find(':');
    if (credentials.username.empty() && credentials.password.empty()) {
        credentials.username = userinfo.substr(0, colon);
        credentials.password = colon == std::string::npos ? "" : userinfo.substr(colon + 1);
    }
    return url.substr(0, host) + url.substr(at + 1);
}

bool looks_like_sha(const std::string& text)
{
    if (text.size() < 4 || text.size() > 40) {
        return false;
    }
    for (const char c : text) {
        if (std::isxdigit(static_cast<unsigned char>(c)) == 0) {
            return false;
        }
    }
    return true;
}

std::string oid_text(const git_oid* oid)
{
    char text[GIT_OID_HEXSZ + 1];
    library().git_oid_tostr(text, sizeof text, oid);
    return text;
}

// Checks out `commit` into the work tree (forced: the tree is fresh).
void checkout(git_repository* repository, git_object* commit)
{
    const auto& git = library();
    git_checkout_options options = GIT_CHECKOUT_OPTIONS_INIT;
    options.checkout_strategy = GIT_CHECKOUT_FORCE;
    if (git.git_checkout_tree(repository, commit, &options) != 0) {
        throw Error("cannot check out " + oid_text(git.git_object_id(commit)) + ": " +
                    git.last_error());
    }
}

// The commit `spec` names (a revparse expression), or nullptr.
git_object* find_commit(git_repository* repository, const std::string& spec)
{
    const auto& git = library();
    Owned<git_object> object{git.git_object_free};
    if (git.git_revparse_single(&object.pointer, repository, spec.c_str()) != 0) {
        return nullptr;
    }
    git_object* commit = nullptr;
    if (git.git_object_peel(&commit, object.pointer, GIT_OBJECT_COMMIT) != 0) {
        return nullptr;
    }
    return commit;
}

std::string current_branch(git_repository* repository)
{
    const auto& git = library();
    Owned<git_reference> head{git.git_reference_free};
    if (git.git_repository_head(&head.pointer, repository) != 0 ||
        git.git_reference_is_branch(head.pointer) == 0) {
        return {};
    }
    const char* name = nullptr;
    return git.git_branch_name(&name, head.pointer) == 0 && name != nullptr ? name : "";
}

void checkout_branch(git_repository* repository, const std::string& branch, CloneResult& result)
{
    const auto& git = library();
    if (current_branch(repository) != branch) {
        Owned<git_object> commit{git.git_object_free};
        commit.pointer = find_commit(repository, "refs/remotes/origin/" + branch);
        if (commit.pointer == nullptr) {
            throw Error("branch '" + branch + "' not found in the repository",
                        ErrorKind::not_found);
        }
        Owned<git_reference> created{git.git_reference_free};
        if (git.git_branch_create(&created.pointer, repository, branch.c_str(),
                                  reinterpret_cast<git_commit*>(commit.pointer), 0) != 0) {
            throw Error("cannot create branch '" + branch + "': " + git.last_error());
        }
        checkout(repository, commit.pointer);
        const auto name = "refs/heads/" + branch;
        if (git.git_repository_set_head(repository, name.c_str()) != 0) {
            throw Error("cannot switch to branch '" + branch + "': " + git.last_error());
        }
    }
    result.branch = branch;
    result.reference = "refs/heads/" + branch;
}

void checkout_detached(git_repository* repository, const std::string& spec,
                       const std::string& reference, CloneResult& result)
{
    const auto& git = library();
    Owned<git_object> commit{git.git_object_free};
    commit.pointer = find_commit(repository, spec);
    if (commit.pointer == nullptr) {
        throw Error("reference '" + reference + "' not found in the repository",
                    ErrorKind::not_found);
    }
    checkout(repository, commit.pointer);
    if (git.git_repository_set_head_detached(repository, git.git_object_id(commit.pointer)) != 0) {
        throw Error("cannot check out '" + reference + "': " + git.last_error());
    }
    result.reference = reference;
}

}  // namespace

bool available()
{
    return library().loaded;
}

CloneResult clone(const CloneRequest& request, const std::filesystem::path& directory)
{
    const auto& git = library();
    if (!git.loaded) {
        throw Error("cannot clone: libgit2 could not be loaded", ErrorKind::failed,
                    "install the libgit2-1.5 package");
    }
    Credentials credentials{request.username, request.password, 0};
    const auto url = take_userinfo(request.url, credentials);
    const auto shown = util::redact_url_password(url);

    git_clone_options options = GIT_CLONE_OPTIONS_INIT;
    options.fetch_opts.callbacks.credentials = provide_credentials;
    options.fetch_opts.callbacks.payload = &credentials;
    const auto& reference = request.reference;
    std::string branch;
    if (reference.starts_with("refs/heads/")) {
        branch = reference.substr(std::strlen("refs/heads/"));
    }
    Owned<git_repository> repository{git.git_repository_free};
    if (git.git_clone(&repository.pointer, url.c_str(), directory.c_str(), &options) != 0) {
        const auto message = git.last_error();
        throw Error("cannot clone " + shown + ": " + util::redact_url_password(message),
                    ErrorKind::unreachable);
    }
    CloneResult result;
    if (reference.empty()) {
        result.branch = current_branch(repository.pointer);
        result.reference = result.branch.empty() ? "" : "refs/heads/" + result.branch;
    } else if (!branch.empty()) {
        checkout_branch(repository.pointer, branch, result);
    } else if (reference.starts_with("refs/tags/")) {
        checkout_detached(repository.pointer, reference + "^{commit}", reference, result);
    } else if (Owned<git_object> remote_branch{git.git_object_free};
               (remote_branch.pointer = find_commit(
                    repository.pointer, "refs/remotes/origin/" + reference)) != nullptr) {
        checkout_branch(repository.pointer, reference, result);
    } else if (looks_like_sha(reference)) {
        checkout_detached(repository.pointer, reference + "^{commit}", reference, result);
    } else {
        throw Error("reference '" + reference + "' not found in " + shown +
                        " (neither a branch, a tag nor a commit)",
                    ErrorKind::not_found);
    }
    git_oid head{};
    if (git.git_reference_name_to_id(&head, repository.pointer, "HEAD") == 0) {
        result.commit = oid_text(&head);
    }
    // The stored remote never keeps credentials (they were not in `url`; this is for clarity).
    git.git_remote_set_url(repository.pointer, "origin", url.c_str());
    return result;
}

void init(const std::filesystem::path& directory)
{
    const auto& git = library();
    if (!git.loaded) {
        throw Error("cannot run git init: libgit2 could not be loaded", ErrorKind::failed,
                    "install the libgit2-1.5 package");
    }
    Owned<git_repository> repository{git.git_repository_free};
    if (git.git_repository_init(&repository.pointer, directory.c_str(), 0) != 0) {
        throw Error("cannot initialise a git repository in " + directory.string() + ": " +
                    git.last_error());
    }
}

}  // namespace mlrun::git
