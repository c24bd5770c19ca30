#include <doctest/doctest.h>

#include "lib/error.hpp"
#include "lib/model/uri.hpp"

using namespace mlrun::model;

TEST_CASE("uri: db:// forms (cli.md §2.3)")
{
    auto uri = parse_db_uri("db://proj/trainer:v2");
    CHECK(uri.project == "proj");
    CHECK(uri.name == "trainer");
    CHECK(uri.tag == "v2");
    uri = parse_db_uri("db://trainer@0123abcd");
    CHECK(uri.project.empty());
    CHECK(uri.hash == "0123abcd");
    CHECK(uri.to_string() == "db://trainer@0123abcd");
    CHECK(parse_db_uri("db://p/n").to_string() == "db://p/n");
    CHECK_THROWS_AS(parse_db_uri("db://"), mlrun::Error);
    CHECK_THROWS_AS(parse_db_uri("hub://x"), mlrun::Error);
}

TEST_CASE("uri: store:// forms (runs-and-artifacts.md §8.4)")
{
    auto uri = parse_store_uri("store://artifacts/my-proj/handler_file_result#0@3f0c");
    CHECK(uri.prefix == "artifacts");
    CHECK(uri.project == "my-proj");
    CHECK(uri.key == "handler_file_result");
    CHECK(uri.iter == 0);
    CHECK(uri.tree == "3f0c");
    CHECK(uri.to_string() == "store://artifacts/my-proj/handler_file_result#0@3f0c");

    uri = parse_store_uri("store://datasets/my-proj/train_df#0:latest");
    CHECK(uri.prefix == "datasets");
    CHECK(uri.tag == "latest");

    uri = parse_store_uri("store://proj/key");
    CHECK(uri.prefix == "artifacts");
    CHECK(uri.project == "proj");
    CHECK_FALSE(uri.iter.has_value());

    uri = parse_store_uri("store://models/p/m:v1");
    CHECK(uri.prefix == "models");
    CHECK(uri.tag == "v1");
    CHECK_THROWS_AS(parse_store_uri("store://p/k#x"), mlrun::Error);
    CHECK_THROWS_AS(parse_store_uri("store://"), mlrun::Error);
}

TEST_CASE("uri: hub:// forms")
{
    auto uri = parse_hub_uri("hub://describe");
    CHECK(uri.name == "describe");
    CHECK(uri.source.empty());
    uri = parse_hub_uri("hub://my-source/auto_trainer:1.2.0");
    CHECK(uri.source == "my-source");
    CHECK(uri.name == "auto_trainer");
    CHECK(uri.tag == "1.2.0");
    CHECK(uri.to_string() == "hub://my-source/auto_trainer:1.2.0");
}
