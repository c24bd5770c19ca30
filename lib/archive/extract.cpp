// Unpacking and packing archives with libarchive, opened at first use (dlopen): it brings
// compression and XML libraries that every other command would otherwise pay for at start-up.

#include "lib/archive/extract.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <unordered_set>
#include <vector>

#include "lib/error.hpp"
#include "lib/util/paths.hpp"
#include "lib/util/shared_library.hpp"

namespace mlrun::archive {
namespace {

#define MLRUN_ARCHIVE_FUNCTIONS(X)                                                                 \
    X(archive_read_new)                                                                            \
    X(archive_read_support_filter_all)                                                             \
    X(archive_read_support_format_zip)                                                             \
    X(archive_read_support_format_tar)                                                             \
    X(archive_read_support_format_gnutar)                                                          \
    X(archive_read_open_filename)                                                                  \
    X(archive_read_next_header)                                                                    \
    X(archive_read_data_block)                                                                     \
    X(archive_read_free)                                                                           \
    X(archive_error_string)                                                                        \
    X(archive_entry_pathname)                                                                      \
    X(archive_entry_filetype)                                                                      \
    X(archive_entry_symlink)                                                                       \
    X(archive_entry_hardlink)                                                                      \
    X(archive_entry_perm)                                                                          \
    X(archive_write_new)                                                                           \
    X(archive_write_add_filter_gzip)                                                               \
    X(archive_write_set_format_pax_restricted)                                                     \
    X(archive_write_open_filename)                                                                 \
    X(archive_write_header)                                                                        \
    X(archive_write_data)                                                                          \
    X(archive_write_close)                                                                         \
    X(archive_write_free)                                                                          \
    X(archive_entry_new)                                                                           \
    X(archive_entry_free)                                                                          \
    X(archive_entry_set_pathname)                                                                  \
    X(archive_entry_set_size)                                                                      \
    X(archive_entry_set_filetype)                                                                  \
    X(archive_entry_set_perm)                                                                      \
    X(archive_entry_set_symlink)                                                                   \
    X(archive_entry_set_mtime)

struct Library
{
#define MLRUN_ARCHIVE_MEMBER(name) decltype(&::name) name = nullptr;
    MLRUN_ARCHIVE_FUNCTIONS(MLRUN_ARCHIVE_MEMBER)
#undef MLRUN_ARCHIVE_MEMBER
    bool loaded = false;

    Library()
    {
        void* handle = util::open_shared_library({MLRUN_LIBARCHIVE_FILE, "libarchive.so.13"});
        if (handle == nullptr) {
            return;
        }
        bool complete = true;
#define MLRUN_ARCHIVE_LOAD(name) complete = util::bind_symbol(handle, name, #name) && complete;
        MLRUN_ARCHIVE_FUNCTIONS(MLRUN_ARCHIVE_LOAD)
#undef MLRUN_ARCHIVE_LOAD
        loaded = complete;
    }
};

const Library& library()
{
    static const Library instance;
    return instance;
}

struct Reader
{
    ::archive* handle;
    ~Reader() { library().archive_read_free(handle); }
};

// What one extraction created, removed again when it fails.
class Created
{
public:
    explicit Created(std::filesystem::path root) : m_root(std::move(root)) {}
    void add(const std::filesystem::path& path)
    {
        m_paths.push_back(path);
        m_set.insert(path.string());
    }
    bool contains(const std::filesystem::path& path) const { return m_set.contains(path.string()); }
    void commit() { m_paths.clear(); }
    ~Created()
    {
        std::error_code ignored;
        for (auto it = m_paths.rbegin(); it != m_paths.rend(); ++it) {
            std::filesystem::remove(*it, ignored);  // directories only go when empty
        }
    }

private:
    std::filesystem::path m_root;
    std::vector<std::filesystem::path> m_paths;
    std::unordered_set<std::string> m_set;
};

// Counts the bytes written against the limits.
struct Budget
{
    std::uintmax_t archive_size = 0;
    const Limits& limits;
    std::uintmax_t written = 0;

    void spend(std::uintmax_t bytes, const std::filesystem::path& archive)
    {
        written += bytes;
        if (written > limits.max_bytes) {
            throw Error("refusing to extract " + archive.string() + ": it unpacks to more than " +
                            std::to_string(limits.max_bytes >> 20) + " MiB",
                        ErrorKind::failed);
        }
        if (written > limits.ratio_floor &&
            written / std::max<std::uintmax_t>(archive_size, 1) > limits.max_ratio) {
            throw Error("refusing to extract " + archive.string() + ": it unpacks to more than " +
                            std::to_string(limits.max_ratio) + " times its size (" +
                            std::to_string(archive_size) + " bytes), like a zip bomb",
                        ErrorKind::failed);
        }
    }
};

[[noreturn]] void refuse(const std::filesystem::path& archive, const std::string& entry,
                         const std::string& why)
{
    throw Error("refusing to extract " + archive.string() + ": entry '" + entry + "' has " + why,
                ErrorKind::failed);
}

// Creates the directories of `relative` below `root`, refusing to go through links.
void make_directories(const std::filesystem::path& root, const std::filesystem::path& relative,
                      Created& created, const std::filesystem::path& archive,
                      const std::string& entry)
{
    auto current = root;
    for (const auto& part : relative) {
        current /= part;
        struct stat info
        {
        };
        if (::lstat(current.c_str(), &info) == 0) {
            if (S_ISLNK(info.st_mode)) {
                refuse(archive, entry,
                       "a path through the symbolic link '" +
                           (current.lexically_relative(root)).string() + "'");
            }
            if (!S_ISDIR(info.st_mode)) {
                refuse(archive, entry,
                       "a path through the file '" + current.lexically_relative(root).string() +
                           "'");
            }
            continue;
        }
        if (::mkdir(current.c_str(), 0755) != 0) {
            throw Error("cannot create " + current.string() + ": " + std::strerror(errno));
        }
        created.add(current);
    }
}

// Refuses a name that exists and was not written by this extraction.
void check_new(const std::filesystem::path& target, const Created& created,
               const std::filesystem::path& archive, const std::string& entry)
{
    struct stat info
    {
    };
    if (::lstat(target.c_str(), &info) != 0) {
        return;
    }
    if (!S_ISREG(info.st_mode)) {
        refuse(archive, entry, "the name of an existing link or folder");
    }
    if (!created.contains(target)) {
        refuse(archive, entry, "the name of a file that exists already (it is left as it was)");
    }
}

void write_file(const Library& lib, ::archive* reader, const std::filesystem::path& target,
                mode_t mode, Created& created, Budget& budget, const std::filesystem::path& archive,
                const std::string& entry)
{
    check_new(target, created, archive, entry);
    const bool again = created.contains(target);  // a later entry of the same name replaces it
    const int fd = ::open(target.c_str(),
                          O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (again ? O_TRUNC : O_EXCL),
                          (mode & 0777) | 0600);
    if (fd < 0) {
        throw Error("cannot write " + target.string() + ": " + std::strerror(errno));
    }
    if (!again) {
        created.add(target);
    }
    const void* block = nullptr;
    size_t size = 0;
    la_int64_t offset = 0;
    int status = ARCHIVE_OK;
    while ((status = lib.archive_read_data_block(reader, &block, &size, &offset)) == ARCHIVE_OK) {
        if (::lseek(fd, offset, SEEK_SET) < 0) {
            ::close(fd);
            throw Error("cannot write " + target.string() + ": " + std::strerror(errno));
        }
        const char* data = static_cast<const char*>(block);
        try {
            budget.spend(size, archive);
        } catch (...) {
            ::close(fd);
            throw;
        }
        while (size > 0) {
            const auto written = ::write(fd, data, size);
            if (written < 0) {
                const auto reason = std::string{std::strerror(errno)};
                ::close(fd);
                throw Error("cannot write " + target.string() + ": " + reason);
            }
            data += written;
            size -= static_cast<size_t>(written);
        }
    }
    ::close(fd);
    if (status != ARCHIVE_EOF) {
        const char* message = lib.archive_error_string(reader);
        throw Error("cannot read " + archive.string() + " at entry '" + entry +
                    "': " + (message ? message : "corrupt data"));
    }
}

}  // namespace

bool is_archive_name(const std::string& name)
{
    for (const char* suffix : {".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz"}) {
        if (name.ends_with(suffix)) {
            return true;
        }
    }
    return false;
}

Extracted extract(const std::filesystem::path& archive, const std::filesystem::path& destination,
                  const Limits& limits)
{
    const auto& lib = library();
    if (!lib.loaded) {
        throw Error("cannot extract " + archive.string() + ": libarchive could not be loaded",
                    ErrorKind::failed, "install the libarchive13 package");
    }
    if (!std::filesystem::is_regular_file(archive)) {
        throw Error("archive " + archive.string() + " does not exist", ErrorKind::not_found);
    }
    Reader reader{lib.archive_read_new()};
    lib.archive_read_support_filter_all(reader.handle);
    lib.archive_read_support_format_zip(reader.handle);
    lib.archive_read_support_format_tar(reader.handle);
    lib.archive_read_support_format_gnutar(reader.handle);
    if (lib.archive_read_open_filename(reader.handle, archive.c_str(), 64 * 1024) != ARCHIVE_OK) {
        const char* message = lib.archive_error_string(reader.handle);
        throw Error("cannot read " + archive.string() + ": " +
                    (message ? message : "not an archive"));
    }
    std::error_code error;
    std::filesystem::create_directories(destination, error);
    if (error) {
        throw Error("cannot create " + destination.string() + ": " + error.message());
    }
    const auto root = std::filesystem::absolute(destination).lexically_normal();
    Created created{root};
    Budget budget{std::filesystem::file_size(archive, error), limits};
    Extracted counts;
    std::size_t entries = 0;
    std::vector<std::filesystem::path> links;
    ::archive_entry* entry = nullptr;
    int status = ARCHIVE_OK;
    while ((status = lib.archive_read_next_header(reader.handle, &entry)) == ARCHIVE_OK ||
           status == ARCHIVE_WARN) {
        if (++entries > limits.max_entries) {
            throw Error("refusing to extract " + archive.string() + ": it has more than " +
                            std::to_string(limits.max_entries) + " entries",
                        ErrorKind::failed);
        }
        const char* raw_name = lib.archive_entry_pathname(entry);
        const std::string name = raw_name ? raw_name : "";
        const auto relative = util::safe_relative(name);
        if (!relative.refusal.empty()) {
            if (relative.refusal == "an empty name") {
                continue;  // "./" itself
            }
            refuse(archive, name, relative.refusal);
        }
        const auto target = root / relative.path;
        const auto type = lib.archive_entry_filetype(entry);
        if (relative.path.has_parent_path()) {
            make_directories(root, relative.path.parent_path(), created, archive, name);
        }
        if (type == AE_IFDIR) {
            make_directories(root, relative.path, created, archive, name);
            ++counts.directories;
        } else if (type == AE_IFREG && lib.archive_entry_hardlink(entry) != nullptr) {
            const auto source = util::safe_relative(lib.archive_entry_hardlink(entry));
            if (!source.refusal.empty()) {
                refuse(archive, name, "a hard link target with " + source.refusal);
            }
            struct stat info
            {
            };
            if (::lstat((root / source.path).c_str(), &info) != 0 || !S_ISREG(info.st_mode) ||
                !created.contains(root / source.path)) {
                refuse(archive, name,
                       "a hard link to something that is not a file extracted "
                       "before it");
            }
            check_new(target, created, archive, name);
            budget.spend(static_cast<std::uintmax_t>(info.st_size), archive);
            std::filesystem::copy_file(root / source.path, target,
                                       std::filesystem::copy_options::overwrite_existing, error);
            if (error) {
                throw Error("cannot write " + target.string() + ": " + error.message());
            }
            if (!created.contains(target)) {
                created.add(target);
            }
            ++counts.hard_links;
        } else if (type == AE_IFREG) {
            write_file(lib, reader.handle, target, lib.archive_entry_perm(entry), created, budget,
                       archive, name);
            ++counts.files;
        } else if (type == AE_IFLNK) {
            const char* raw_target = lib.archive_entry_symlink(entry);
            const std::string link_target = raw_target ? raw_target : "";
            if (link_target.empty() || link_target.front() == '/') {
                refuse(archive, name, "a link to an absolute path (" + link_target + ")");
            }
            const auto lexical = (relative.path.parent_path() / link_target).lexically_normal();
            if (!lexical.empty() && *lexical.begin() == "..") {
                refuse(archive, name, "a link leaving the folder (" + link_target + ")");
            }
            struct stat info
            {
            };
            if (::lstat(target.c_str(), &info) == 0) {
                refuse(archive, name, "the name of something already extracted");
            }
            if (::symlink(link_target.c_str(), target.c_str()) != 0) {
                throw Error("cannot create the link " + target.string() + ": " +
                            std::strerror(errno));
            }
            created.add(target);
            links.push_back(target);
            ++counts.links;
        } else {
            refuse(archive, name, "an unsupported type (device, fifo or socket)");
        }
    }
    if (status != ARCHIVE_EOF) {
        const char* message = lib.archive_error_string(reader.handle);
        throw Error("cannot read " + archive.string() + ": " + (message ? message : "corrupt"));
    }
    // Links are checked again once everything is in place: a chain of links can leave the
    // folder even when each one alone looks inside it.
    for (const auto& link : links) {
        if (!util::resolves_inside(link, root)) {
            refuse(archive, link.lexically_relative(root).string(), "a link leaving the folder");
        }
    }
    created.commit();
    counts.bytes = budget.written;
    return counts;
}

namespace {

struct Writer
{
    ::archive* handle;
    ~Writer() { library().archive_write_free(handle); }
};

struct Entry
{
    ::archive_entry* handle;
    ~Entry() { library().archive_entry_free(handle); }
};

void write_entry(const Library& lib, ::archive* writer, const std::filesystem::path& file,
                 const std::string& name, const std::filesystem::path& output)
{
    const auto failed = [&](const char* what) {
        const char* message = lib.archive_error_string(writer);
        return Error("cannot write " + output.string() + " (" + what + " " + name +
                     "): " + (message ? message : "unknown error"));
    };
    struct stat info
    {
    };
    if (::lstat(file.c_str(), &info) != 0) {
        throw Error("cannot read " + file.string() + ": " + std::strerror(errno));
    }
    Entry entry{lib.archive_entry_new()};
    lib.archive_entry_set_pathname(entry.handle, name.c_str());
    lib.archive_entry_set_perm(entry.handle, info.st_mode & 07777);
    lib.archive_entry_set_mtime(entry.handle, info.st_mtime, 0);
    std::string target;
    if (S_ISLNK(info.st_mode)) {
        target = std::filesystem::read_symlink(file).string();
        lib.archive_entry_set_filetype(entry.handle, AE_IFLNK);
        lib.archive_entry_set_symlink(entry.handle, target.c_str());
        lib.archive_entry_set_size(entry.handle, 0);
    } else if (S_ISDIR(info.st_mode)) {
        lib.archive_entry_set_filetype(entry.handle, AE_IFDIR);
        lib.archive_entry_set_size(entry.handle, 0);
    } else if (S_ISREG(info.st_mode)) {
        lib.archive_entry_set_filetype(entry.handle, AE_IFREG);
        lib.archive_entry_set_size(entry.handle, info.st_size);
    } else {
        return;  // sockets, fifos and devices have no place in a build context
    }
    if (lib.archive_write_header(writer, entry.handle) != ARCHIVE_OK) {
        throw failed("header of");
    }
    if (!S_ISREG(info.st_mode)) {
        return;
    }
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw Error("cannot read " + file.string() + ": " + std::strerror(errno));
    }
    std::vector<char> buffer(256 * 1024);
    for (;;) {
        const auto got = ::read(fd, buffer.data(), buffer.size());
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            const int error = errno;
            ::close(fd);
            throw Error("cannot read " + file.string() + ": " + std::strerror(error));
        }
        if (got == 0) {
            break;
        }
        if (lib.archive_write_data(writer, buffer.data(), static_cast<std::size_t>(got)) != got) {
            ::close(fd);
            throw failed("data of");
        }
    }
    ::close(fd);
}

}  // namespace

std::size_t pack_tar_gz(const std::filesystem::path& directory, const std::filesystem::path& output)
{
    const auto& lib = library();
    if (!lib.loaded) {
        throw Error("cannot write " + output.string() + ": libarchive could not be loaded",
                    ErrorKind::failed, "install the libarchive13 package");
    }
    if (!std::filesystem::is_directory(directory)) {
        throw Error("folder " + directory.string() + " does not exist", ErrorKind::not_found);
    }
    const auto parent =
        output.parent_path().empty() ? std::filesystem::path{"."} : output.parent_path();
    const auto temporary = parent / ("." + output.filename().string() + ".tmp");
    std::size_t entries = 0;
    try {
        Writer writer{lib.archive_write_new()};
        if (lib.archive_write_add_filter_gzip(writer.handle) != ARCHIVE_OK ||
            lib.archive_write_set_format_pax_restricted(writer.handle) != ARCHIVE_OK ||
            lib.archive_write_open_filename(writer.handle, temporary.c_str()) != ARCHIVE_OK) {
            const char* message = lib.archive_error_string(writer.handle);
            throw Error("cannot write " + output.string() + ": " +
                        (message ? message : "unknown error"));
        }
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
            files.push_back(entry.path());
        }
        std::sort(files.begin(), files.end());  // the same folder gives the same archive order
        for (const auto& file : files) {
            write_entry(lib, writer.handle, file, file.lexically_relative(directory).string(),
                        output);
            ++entries;
        }
        if (lib.archive_write_close(writer.handle) != ARCHIVE_OK) {
            const char* message = lib.archive_error_string(writer.handle);
            throw Error("cannot write " + output.string() + ": " +
                        (message ? message : "unknown error"));
        }
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw;
    }
    std::filesystem::rename(temporary, output);
    return entries;
}

}  // namespace mlrun::archive
