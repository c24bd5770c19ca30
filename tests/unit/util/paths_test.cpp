// Path checks for content from elsewhere.

#include <doctest/doctest.h>

#include "lib/util/paths.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mlrun;

TEST_CASE("paths: safe_relative refuses absolute paths and '..'")
{
    CHECK(util::safe_relative("a/b.txt").path == "a/b.txt");
    CHECK(util::safe_relative("./a/./b").path == "a/b");
    CHECK(util::safe_relative("dir/").path == "dir");
    CHECK(util::safe_relative("/etc/passwd").refusal == "an absolute path");
    CHECK(util::safe_relative("a/../../b").refusal == "a '..' component");
    CHECK(util::safe_relative("..").refusal == "a '..' component");
    CHECK(util::safe_relative("./").refusal == "an empty name");
}

TEST_CASE("paths: links that resolve outside are found")
{
    test::TempDir dir;
    dir.write("root/a/file", "x");
    std::filesystem::create_directory_symlink("a", dir / "root" / "inside");
    CHECK_FALSE(util::escaping_link(dir / "root").has_value());
    CHECK(util::resolves_inside(dir / "root" / "inside" / "file", dir / "root"));
    std::filesystem::create_directory_symlink("..", dir / "root" / "a" / "up");
    std::filesystem::create_directory_symlink("up/..", dir / "root" / "a" / "chain");
    const auto found = util::escaping_link(dir / "root");
    REQUIRE(found.has_value());
    CHECK(found->filename() == "chain");
}
