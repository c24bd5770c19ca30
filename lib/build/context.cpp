// Writing a build context folder.

#include "lib/build/context.hpp"

#include <fstream>

#include "lib/archive/extract.hpp"
#include "lib/error.hpp"
#include "lib/git/repository.hpp"
#include "lib/http/client.hpp"
#include "lib/project/source.hpp"
#include "lib/util/files.hpp"
#include "lib/util/paths.hpp"

namespace mlrun::build {
namespace {

// Copies a folder's files (links as links), leaving out .git.
void copy_folder(const std::filesystem::path& from, const std::filesystem::path& to)
{
    if (!std::filesystem::is_directory(from)) {
        throw Error("source folder " + from.string() + " does not exist", ErrorKind::not_found);
    }
    std::filesystem::create_directories(to);
    for (auto it = std::filesystem::recursive_directory_iterator(from);
         it != std::filesystem::recursive_directory_iterator(); ++it) {
        const auto relative = it->path().lexically_relative(from);
        if (relative.begin() != relative.end() && *relative.begin() == ".git") {
            if (it->is_directory()) {
                it.disable_recursion_pending();
            }
            continue;
        }
        const auto target = to / relative;
        if (it->is_symlink()) {
            std::filesystem::copy_symlink(it->path(), target);
        } else if (it->is_directory()) {
            std::filesystem::create_directories(target);
        } else if (it->is_regular_file()) {
            std::filesystem::copy_file(it->path(), target);
        }
    }
}

void fetch_archive(const Source& source, const std::filesystem::path& into)
{
    if (source.location.find("://") == std::string::npos) {
        archive::extract(source.location, into);  // throws not_found for a missing archive
        return;
    }
    const auto name = source.location.substr(source.location.find_last_of('/') + 1);
    const auto download = util::create_temp_file("mlrun-source-", "-" + name);
    const std::unique_ptr<const std::filesystem::path, void (*)(const std::filesystem::path*)>
        cleanup{&download, [](const std::filesystem::path* path) {
                    std::error_code ignored;
                    std::filesystem::remove(*path, ignored);
                }};
    {
        std::ofstream file{download, std::ios::binary | std::ios::trunc};
        http::get_url(source.location, [&](std::string_view bytes) {
            file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        });
        if (!file.flush()) {
            throw Error("cannot write the download of " + source.location + " to " +
                        download.string());
        }
    }
    archive::extract(download, into);
}

void fetch_git(const Source& source, const std::filesystem::path& into,
               const config::Environment& environment)
{
    const auto parsed = project::classify_source(source.location);
    const auto credentials = project::git_credentials(environment);
    git::clone({parsed.location, parsed.reference, credentials.username, credentials.password},
               into);
    std::error_code ignored;
    std::filesystem::remove_all(into / ".git", ignored);
    if (const auto link = util::escaping_link(into)) {
        throw Error("refusing the source " + parsed.shown() + ": the link '" +
                        link->lexically_relative(into).string() + "' points outside it",
                    ErrorKind::failed);
    }
}

std::size_t count_files(const std::filesystem::path& directory)
{
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
        files += entry.is_regular_file() && !entry.is_symlink() ? 1U : 0U;
    }
    return files;
}

}  // namespace

ContextSummary write_context(const BuildPlan& plan, const std::filesystem::path& directory,
                             const config::Environment& environment)
{
    if (std::filesystem::exists(directory) && !std::filesystem::is_empty(directory)) {
        throw Error("build context folder " + directory.string() + " is not empty",
                    ErrorKind::usage);
    }
    std::filesystem::create_directories(directory);
    const auto source_dir = directory / "source";
    switch (plan.source.kind) {
    case SourceKind::none: break;
    case SourceKind::directory: copy_folder(plan.source.location, source_dir); break;
    case SourceKind::archive: fetch_archive(plan.source, source_dir); break;
    case SourceKind::git: fetch_git(plan.source, source_dir, environment); break;
    case SourceKind::remote:
        throw Error("source " + plan.source.location +
                        " is read by an MLRun API's builder, not by a local build",
                    ErrorKind::failed,
                    "build through the API (set MLRUN_DBPATH) or use a local folder, archive or "
                    "git source");
    }
    if (!plan.requirements.empty()) {
        std::string text;
        for (const auto& line : plan.requirements) {
            text += line + "\n";
        }
        util::write_file_atomically(directory / "requirements.txt", text);
    }
    util::write_file_atomically(directory / "Dockerfile", render_dockerfile(plan));
    return {count_files(directory)};
}

}  // namespace mlrun::build
