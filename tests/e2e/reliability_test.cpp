// Regression tests for what a fault and fuzz campaign broke: data loss, crashes, hangs, leaked
// secrets and unbounded resources. Each case names the defect it guards against.

#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/e2e/harness.hpp"

using mlrun::test::Mlrun;
using mlrun::test::read_text;
using Json = nlohmann::json;
