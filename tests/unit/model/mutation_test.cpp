// A bounded mutation test of the readers of outside text: every corpus file (real MLRun
// project and function YAML) mutated a few hundred ways — bytes flipped, ranges cut or
// repeated, YAML's sharp edges (anchors, aliases, merge keys, tags, deep brackets, invalid
// UTF-8) spliced in — and the same for its JSON form. Each reader must return or throw the
// library's Error (or nlohmann's parse_error for bare JSON parsing): never crash, hang, or throw
// anything else. Deterministic (fixed seed); a few seconds in CI, under the sanitizers too.

#include <doctest/doctest.h>

#include <filesystem>
#include <random>

#include "lib/error.hpp"
#include "lib/json.hpp"
#include "lib/model/document.hpp"
#include "lib/model/run.hpp"
#include "lib/util/files.hpp"
#include "lib/yaml/yaml.hpp"

using namespace mlrun;

namespace {

const char* const splices[] = {
    "&a ",
    "*a",
    "<<: *a\n",
    "{",
    "[",
    "}",
    "]",
    "\xff",
    "\t",
    ": ",
    "- ",
    "'",
    "\"",
    "!!binary ",
    "? ",
    "|\n",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "&b [*a, *a, *a, *a]\n",
    "\\u0000",
    "\xc0\xaf",
    "9999999999999999999999",
    "-.inf",
    "0x",
    "~",
    "\n  - ",
    "\r\n",
    "\xef\xbb\xbf",
    "#",
};

std::string mutate(const std::string& seed, std::mt19937& random)
{
    std::string text = seed;
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits; ++e) {
        const std::size_t at = text.empty() ? 0 : random() % text.size();
        switch (random() % 6) {
        case 0:
            if (!text.empty()) {
                text[at] = static_cast<char>(random() % 256);
            }
            break;
        case 1: text.erase(at, random() % 64); break;
        case 2: text.insert(at, text.substr(at, random() % 256)); break;
        case 3: text.insert(at, splices[random() % std::size(splices)]); break;
        case 4: text.resize(at); break;
        default: text.insert(at, std::string(1 + random() % 2000, random() % 2 ? '[' : '{'));
        }
    }
    return text;
}

// Reads `text` as a user's file would be read; true when it loaded.
bool read_like_a_user(const std::string& text)
{
    try {
        const auto value = yaml::parse(text, "mutant.yaml");
        [[maybe_unused]] const auto shown = value.dump();  // printable (valid UTF-8)
        [[maybe_unused]] const auto again = yaml::dump(value);
        model::parse_document(text, "mutant.yaml");
        return true;
    } catch (const Error&) {
        return false;
    }
}

bool read_as_json(const std::string& text)
{
    std::optional<Json> value;
    try {
        value = parse_json(text);
    } catch (const nlohmann::json::parse_error&) {
        return false;
    }
    try {
        if (value->is_object()) {
            model::run_from_json(*value);
        }
        return true;
    } catch (const Error&) {
        return false;
    }
}

}  // namespace

TEST_CASE("mutation: corpus files mutated thousands of ways never crash the readers")
{
    const std::filesystem::path corpus{MLRUN_CORPUS_DIR};
    if (!std::filesystem::is_directory(corpus)) {
        MESSAGE("corpus not found at " << corpus.string() << ": mutation test skipped");
        return;
    }
    std::vector<std::string> seeds;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(corpus)) {
        const auto extension = entry.path().extension();
        if (entry.is_regular_file() && (extension == ".yaml" || extension == ".yml")) {
            seeds.push_back(util::read_file(entry.path()));
        }
    }
    REQUIRE_FALSE(seeds.empty());
    std::mt19937 random{20261202};
    std::size_t tried = 0;
    std::size_t loaded = 0;
    for (const auto& seed : seeds) {
        for (int i = 0; i < 15; ++i, ++tried) {
            const auto text = mutate(seed, random);
            INFO("seed of ", seed.size(), " bytes, mutant ", i);
            loaded += read_like_a_user(text) ? 1U : 0U;
        }
        std::optional<Json> as_json;
        try {
            as_json = yaml::parse(seed, "seed.yaml");
        } catch (const Error&) {
            continue;
        }
        const auto json_text = as_json->dump();
        for (int i = 0; i < 8; ++i, ++tried) {
            loaded += read_as_json(mutate(json_text, random)) ? 1U : 0U;
        }
    }
    MESSAGE("mutation: " << tried << " mutants of " << seeds.size() << " corpus files, " << loaded
                         << " still loaded, none crashed");
    CHECK(tried >= 3000);
}
