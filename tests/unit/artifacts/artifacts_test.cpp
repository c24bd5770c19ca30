// Naming artifacts (every URI form, malformed ones) and moving their data.

#include <doctest/doctest.h>

#include "lib/artifacts/resolve.hpp"
#include "lib/artifacts/transfer.hpp"
#include "lib/error.hpp"
#include "lib/util/hash.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mlrun;

TEST_CASE("artifacts: every reference form")
{
    struct Case
    {
        const char* text;
        const char* project;
        const char* key;
        const char* tag;
        std::optional<std::int64_t> iter;
        const char* tree;
    };
    const Case cases[] = {
        {"data", "dflt", "data", "", {}, ""},
        {"data:v1", "dflt", "data", "v1", {}, ""},
        {"data#2", "dflt", "data", "", 2, ""},
        {"data#3:v2@tree9", "dflt", "data", "v2", 3, "tree9"},
        {"store://proj/data", "proj", "data", "", {}, ""},
        {"store://artifacts/proj/data#0:latest@abc", "proj", "data", "latest", 0, "abc"},
        {"store://datasets/proj/train-set:v1", "proj", "train-set", "v1", {}, ""},
        {"store://models/proj/model#1", "proj", "model", "", 1, ""},
        {"store://data", "dflt", "data", "", {}, ""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        const auto ref = artifacts::parse_reference(c.text, "dflt");
        CHECK(ref.project == c.project);
        CHECK(ref.key == c.key);
        CHECK(ref.tag == c.tag);
        CHECK(ref.iter == c.iter);
        CHECK(ref.tree == c.tree);
    }
    const auto ref = artifacts::parse_reference("data#2:v1@s", "p",
                                                {.tag = "v2", .iter = 4, .tree = "t", .uid = "u"});
    CHECK(ref.tag == "v2");  // options win
    CHECK(ref.iter == 4);
    CHECK(ref.tree == "t");
    CHECK(ref.uid == "u");
    const auto partly = artifacts::parse_reference("data#2:v1@s", "p", {.tree = "t"});
    CHECK(partly.tag == "v1");  // what is not given comes from the key
    CHECK(partly.iter == 2);
    CHECK(partly.tree == "t");
    CHECK(partly.uid.empty());
    for (const char* bad : {"", "store://proj/data#-1", "store://proj/data#x", "s3://b/k",
                            "store://artifacts/proj/"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(artifacts::parse_reference(bad, "p"), Error);
    }
}

TEST_CASE("artifacts: keys that could leave the artifact path are refused")
{
    for (const char* key : {"data", "train_set-1.v2", "A"}) {
        CHECK_NOTHROW(artifacts::check_key(key));
    }
    for (const char* key : {"", "../x", "a/b", "/abs", "..", "a..b", ".hidden", "x/"}) {
        CAPTURE(key);
        CHECK_THROWS_AS(artifacts::check_key(key), Error);
    }
    CHECK(artifacts::local_target("/a/b") == std::filesystem::path{"/a/b"});
    CHECK(artifacts::local_target("file:///a/b") == std::filesystem::path{"/a/b"});
    CHECK_FALSE(artifacts::local_target("s3://b/k").has_value());
}

TEST_CASE("artifacts: copying hashes as it goes; nothing is overwritten or left half-written")
{
    test::TempDir dir;
    std::string content(3 << 20, 'x');
    content[12345] = 'y';
    const auto source = dir.write("in.bin", content);
    const auto digest = artifacts::copy_file(source, dir / "out" / "copy.bin", false);
    CHECK(digest.size == content.size());
    CHECK(digest.sha1 == util::sha1_hex(content));
    CHECK(test::read_text(dir / "out" / "copy.bin") == content);
    CHECK(artifacts::digest_file(dir / "out" / "copy.bin").sha1 == digest.sha1);
    CHECK_THROWS_AS(artifacts::copy_file(source, dir / "out" / "copy.bin", false), Error);
    dir.write("in.bin", "short");
    CHECK(artifacts::copy_file(source, dir / "out" / "copy.bin", true).size == 5);
    CHECK_THROWS_AS(artifacts::copy_file(dir / "absent", dir / "x", false), Error);
    CHECK_FALSE(std::filesystem::exists(dir / "x"));
    // No temporary file survives.
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir / "out")) {
        ++files;
    }
    CHECK(files == 1);

    CHECK_NOTHROW(artifacts::verify(dir / "out" / "copy.bin", 5, util::sha1_hex("short")));
    CHECK_THROWS_AS(artifacts::verify(dir / "out" / "copy.bin", 6, ""), Error);
    CHECK_THROWS_AS(artifacts::verify(dir / "out" / "copy.bin", {}, std::string(40, '0')), Error);
}

TEST_CASE("artifacts: folders copy with their listing hash; escaping links are refused")
{
    test::TempDir dir;
    dir.write("tree/a.txt", "a");
    dir.write("tree/sub/b.txt", "bb");
    std::filesystem::create_symlink("a.txt", dir / "tree" / "alias.txt");
    const auto entries = artifacts::copy_tree(dir / "tree", dir / "copy", false);
    REQUIRE(entries.size() == 3);
    CHECK(entries[0].path == "a.txt");
    CHECK(entries[2].path == "sub/b.txt");
    CHECK(entries[2].digest.size == 2);
    const auto hash = artifacts::tree_hash(entries);
    CHECK(hash.size() == 40);
    CHECK(artifacts::tree_hash(artifacts::copy_tree(dir / "copy", dir / "copy2", false)) == hash);
    std::filesystem::create_symlink("/etc/hostname", dir / "tree" / "out");
    CHECK_THROWS_AS(artifacts::copy_tree(dir / "tree", dir / "copy3", false), Error);
    CHECK_FALSE(std::filesystem::exists(dir / "copy3"));
}
