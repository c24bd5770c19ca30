// An MLRun run object (runs-and-artifacts.md §1): model form and context form both read;
// unknown fields kept verbatim.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "lib/json.hpp"

namespace mlrun::model {

enum class RunState
{
    created,
    pending,
    running,
    completed,
    error,
    aborting,
    aborted,
    unknown,
    skipped,
};

std::string_view to_string(RunState state);
// Unrecognised text gives RunState::unknown.
RunState parse_run_state(std::string_view text);
bool is_terminal(RunState state);  // completed, error, aborted, skipped

struct Run
{
    struct Metadata
    {
        std::string name;
        std::string uid;
        std::int64_t iteration = 0;
        std::string project;
        Json labels = Json::object();
        Json annotations = Json::object();
        Json extra = Json::object();
    };
    struct Spec
    {
        std::string function;
        std::string handler;
        Json parameters = Json::object();
        Json inputs = Json::object();
        Json outputs = Json::array();
        Json returns = Json::array();
        std::string input_path;
        std::string output_path;
        Json hyperparams = Json::object();
        Json hyper_param_options = Json::object();
        Json secret_sources = Json::array();
        std::optional<bool> verbose;
        std::optional<bool> scrape_metrics;
        Json extra = Json::object();
    };
    struct Status
    {
        RunState state = RunState::created;
        std::string error;
        std::string host;
        std::string commit;
        Json results = Json::object();
        Json artifacts = Json::array();
        Json artifact_uris = Json::object();
        std::string start_time;
        std::string last_update;
        Json iterations = Json::array();
        std::string ui_url;
        Json extra = Json::object();
    };

    std::string kind;  // "run" in the context form, empty in the model form
    Metadata metadata;
    Spec spec;
    Status status;
    Json extra = Json::object();

    // `<project>@<uid>#<iteration>` (runs-and-artifacts.md §1.5).
    std::string uri() const;
    // The tree its artifacts belong to: the workflow's id for a step of a workflow (its label
    // `workflow`), as MLRun groups them, else its own uid.
    std::string artifact_tree() const;
    // key -> store:// URI of each artifact in status.artifacts (and any status.artifact_uris
    // a stored run carries).
    Json artifact_uris() const;
};

// Takes `data` by value: pass an rvalue to avoid copying it.
Run run_from_json(Json data);
Json to_json(const Run& run);

}  // namespace mlrun::model
