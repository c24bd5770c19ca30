#include <doctest/doctest.h>

#include "lib/error.hpp"
#include "lib/model/document.hpp"

using namespace mlrun::model;
using mlrun::Json;

TEST_CASE("document: classification by kind and shape")
{
    CHECK(classify(Json{{"kind", "project"}}) == DocumentKind::project);
    CHECK(classify(Json{{"name", "p"}, {"functions", Json::array()}}) == DocumentKind::project);
    CHECK(classify(Json{{"kind", "job"}, {"spec", Json::object()}}) == DocumentKind::function);
    CHECK(classify(Json{{"kind", ""}, {"metadata", Json::object()}}) == DocumentKind::function);
    CHECK(classify(Json{{"metadata", {{"name", "f"}}}, {"spec", Json::object()}}) ==
          DocumentKind::function);
    CHECK(classify(Json{{"kind", "run"}}) == DocumentKind::run);
    CHECK(classify(Json{{"metadata", {{"uid", "u"}}}, {"spec", Json::object()}}) ==
          DocumentKind::run);
    CHECK(classify(Json{{"kind", "model"}}) == DocumentKind::artifact);
    CHECK(classify(Json{{"apiVersion", "v1"}, {"kind", "monitoring_application"}}) ==
          DocumentKind::hub_item);
    CHECK_THROWS_AS(classify(Json{{"kind", "spaceship"}}), mlrun::Error);
    CHECK_THROWS_AS(classify(Json::array()), mlrun::Error);
}

TEST_CASE("document: empty and malformed files get clear errors naming the file")
{
    CHECK_THROWS_WITH_AS(parse_document("", "empty.yaml"),
                         doctest::Contains("empty.yaml: the file is empty"), mlrun::Error);
    CHECK_THROWS_WITH_AS(parse_document("# only comments\n", "c.yaml"),
                         doctest::Contains("c.yaml: the file is empty"), mlrun::Error);
    CHECK_THROWS_WITH_AS(parse_document("kind: project\nspec: {params: [1,\n", "bad.yaml"),
                         doctest::Contains("bad.yaml:"), mlrun::Error);
    CHECK_THROWS_WITH_AS(parse_document("kind: project\nspec: {params: 3}\n", "shape.yaml"),
                         "shape.yaml: field 'spec.params' must be a mapping", mlrun::Error);
    CHECK_THROWS_WITH_AS(read_document("/nonexistent/p.yaml"), doctest::Contains("does not exist"),
                         mlrun::Error);
}
