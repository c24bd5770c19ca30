"""Every difference from the recordings of the real MLRun 1.7 that this tool makes on purpose, in
one place: (scenario glob, where glob, what glob, reason). `where` is a dotted run-object path
(`spec.function`, `status.artifacts[0].spec.target_path`), `exit_code` or `tree:<file>`; `what`
is the start of the difference as the harness words it ("extra (", "expected ..."). Nothing else
may differ.
"""

# What MLRun writes on a run it records in a run DB (golden rest/cli-local-run.jsonl, the run
# body its client stores), which its no-DB --dump leaves out: this tool always has a run store
# (cli.md §0.5 Port note), so its runs look like MLRun's recorded runs.
RECORDED_KEYS = [
    "kind", "metadata.annotations", "spec.log_level", "spec.inputs", "spec.outputs",
    "spec.notifications", "spec.node_selector", "spec.hyperparams", "spec.hyper_param_options",
    "spec.data_stores", "status.artifacts", "status.results",
]
WITH_A_STORE = "recorded as MLRun records a run in its run DB (rest/cli-local-run), not as its no-DB dump"

DELIBERATE = [(("*", key, "extra (*", WITH_A_STORE)) for key in RECORDED_KEYS] + [
    ("*", "spec.function", "*",
     "the run names the function version stored in the local store (MLRun without a DB "
     "stores none and writes '')"),
    ("*", "status.artifacts[[]*[]].spec.target_path", "expected '*', got '/*",
     "target paths are absolute, so the local store's records stay valid from any folder "
     "(MLRun without a DB writes them relative to the run's folder; files are where MLRun "
     "puts them)"),
    ("log-model", "tree:h/0/mymodel/model_spec.yaml", "size: *",
     "the model's target_path in model_spec.yaml is absolute, as every target path here "
     "(its other lines are MLRun's, byte for byte)"),
    ("returns-kinds", "spec.returns", "extra (*",
     "--returns is recorded as given, so that `mlrun runs rerun` packs the values the same way "
     "(MLRun's no-DB dump drops it)"),
    ("returns-kinds", "status.artifacts[[]1[]].spec.unpackaging_instructions.instructions.pickle_module_*",
     "*", "pickled with the standard library's pickle (cloudpickle is no dependency of the tool): "
     "the same bytes for these values, and MLRun unpickles it with the module named"),
    ("failing", "exit_code", "*", "cli.md Port note: a failed run exits 1"),
    ("failing", "status.state", "*",
     "a failing handler is recorded as error (upstream bug: created, the result lost)"),
    ("failing", "status.error", "*", "the error of the failed handler is recorded"),
    ("log-artifact-dir-nested", "status.state", "*",
     "nested folders are logged (upstream bug: only flat folders, the run left created)"),
    ("log-artifact-dir-nested", "tree:h/0/bundle_up/*", "written*",
     "nested folders are logged whole (upstream bug: 'file outdir/sub not found')"),
    ("command-option", "*", "*",
     "this tool has `run --command`; MLRun 1.7 silently swallows the unknown option and runs "
     "the handler (golden README: upstream bug)"),
    ("param-file", "status.iterations[[]*[]][[]*[]]", "type: expected float*, got int*",
     "hyper-parameter values keep their type (upstream bug: 1 comes back as 1.0)"),
    ("hyper-list", "status.iterations[[]*[]][[]*[]]", "type: expected float*, got int*",
     "hyper-parameter values keep their type (upstream bug: 1 comes back as 1.0)"),
    ("hyper-random", "status.iterations[[]*[]][[]*[]]", "*",
     "random picks vary between runs (golden README)"),
    ("hyper-random", "status.results.*", "*", "the best of random picks varies (golden README)"),
    ("*", "status.artifacts[[]*[]].metadata.labels", "extra (*",
     "labels given to log_artifact stay on the artifact, as MLRun sends them to its DB "
     "(rest/cli-local-run); its no-DB dump drops them"),
    ("failing", "status.*_time", "extra (*", "the run is recorded as it ran (upstream: the "
     "printed object is the one from before the failure)"),
    ("failing", "status.last_update", "extra (*", "as above"),
    ("log-artifact-dir-nested", "status.*_time", "extra (*", "as for failing: the run ran"),
    ("log-artifact-dir-nested", "status.last_update", "extra (*", "as above"),
    ("failing", "spec.scrape_metrics", "missing*",
     "written only when asked for (MLRun's pre-run object carries its config default)"),
    ("log-artifact-dir-nested", "spec.scrape_metrics", "missing*", "as above"),
    ("mode-pass", "spec.scrape_metrics", "missing*", "as above"),
    ("mode-pass", "status.*_time", "extra (*",
     "the pass-mode run is printed as it finished (MLRun prints the object from before it ran)"),
    ("mode-pass", "status.last_update", "extra (*", "as above"),
    ("mode-pass", "metadata.labels.host", "extra (*", "as above: the host ran it"),
    ("hyper-list", "*iteration_results*", "*",
     "its CSV keeps the parameters' types (upstream bug: 3 written as 3.0), so size and hash differ"),
    ("param-file", "*iteration_results*", "*", "as for hyper-list"),
    ("hyper-list", "status.artifacts[[]0[]].metadata.hash", "*", "as above"),
    ("hyper-list", "status.artifacts[[]0[]].spec.size", "*", "as above"),
    ("param-file", "status.artifacts[[]0[]].metadata.hash", "*", "as above"),
    ("param-file", "status.artifacts[[]0[]].spec.size", "*", "as above"),
    ("hyper-random", "tree:h/0/iteration_results.csv", "*", "random picks vary (golden README)"),
    ("hyper-random", "status.artifacts[[]0[]].metadata.hash", "*", "as above"),
    ("log-artifact-dir", "tree:h/0/bundle/*", "written*",
     "a logged folder is copied, so its target path holds what the record describes (MLRun "
     "1.7 copies only with upload=True and leaves the record pointing at nothing)"),
]

# Differences not matched yet: listed so that the harness fails on anything new, and removed as
# each is fixed (none left).
KNOWN = [
]

