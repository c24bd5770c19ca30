"""The steps of the recorded MLRun SDK scenarios (golden rest/NAME.py) that this tool has a
command for: replay_rest.py runs each command against the recorded responses of its step,
compares its requests with the ones MLRun's client sent there, and checks what the user sees
(exit code, output). Steps not listed here (the SDK's setup: creating the project, storing the
objects) are not run; their recorded responses still answer the lookups of later steps.

A step is Step(label, argv, exit code, regular expression the output must match). The label is
the start of the step's line in NAME.steps.txt; argv is split like a shell line."""

from collections import namedtuple

Step = namedtuple("Step", "label command exit output", defaults=(0, None))

ART = "-p gold-art"
T1_MODEL_UID = "838b0e571b1e4af7e95378bfbf72e7b0c7e7522d"
T2_MODEL_UID = "227a355a6f0a48a20cfe7e145740c6bb432443f3"

SDK_STEPS = {
    "artifacts": [
        Step("list_artifacts all", f"artifacts list {ART}", output=r"h_res"),
        Step("list_artifacts tag=latest", f"artifacts list {ART} -t latest"),
        Step("list_artifacts tag=*", f"artifacts list {ART} -t '*'"),
        Step("list_artifacts tree=T1", f"artifacts list {ART} --tree T1"),
        Step("list_artifacts kind=dataset", f"artifacts list {ART} -k dataset", output=r"data"),
        Step("list_artifacts name=model", f"artifacts list {ART} -n model"),
        Step("list_artifacts labels stage=prod", f"artifacts list {ART} -l stage=prod"),
        Step("list_artifacts iter=0", f"artifacts list {ART} --iter 0"),
        Step("list_artifacts best_iteration=True", f"artifacts list {ART} --best-iteration"),
        Step("list_artifacts limit=2", f"artifacts list {ART} --limit 2"),
        Step("read_artifact model tag=latest", f"artifacts get model {ART} --output json",
             output=r'"tree": "T2"'),
        Step("read_artifact model by uid", f"artifacts get model {ART} --uid {T1_MODEL_UID} "
             "--output json", output=r'"tree": "T1"'),
        Step("read_artifact h_res iter=2", f"artifacts get h_res {ART} --iter 2 --output json",
             output=r'"iter": 2'),
        Step("read_artifact missing key", f"artifacts get nosuch {ART}", 1,
             r"artifact 'nosuch' not found in project 'gold-art'"),
        Step("tag_artifacts T1 model", f"artifacts tag model golden --tree T1 {ART}",
             output=r"Tagged model as golden"),
        Step("delete_artifacts_tags golden", f"artifacts untag model golden {ART}",
             output=r"Removed tag golden from model"),
        # One version each, named by its object uid (MLRun's client sends the tag, or the tree,
        # which the server widens to every version of the key).
        Step("del_artifact model tag=t1b", f"artifacts delete model --tag t1b {ART}",
             output=r"Deleted artifact model"),
        Step("del_artifact data tree=T1", f"artifacts delete data --tree T1 {ART}",
             output=r"Deleted artifact data"),
        Step("del_artifact model by uid", f"artifacts delete model --uid {T2_MODEL_UID} {ART}",
             output=r"Deleted artifact model"),
        Step("del_artifacts name=h_res", f"artifacts delete h_res {ART}",
             output=r"Deleted artifact h_res"),
        Step("del_artifact missing key", f"artifacts delete nosuch {ART}", 1,
             r"artifact 'nosuch' not found"),
    ],
    "projects": [
        Step("get_project gold-proj", "get projects gold-proj", output=r"gold-proj"),
        Step("list_projects format=full", "project list", output=r"gold-proj"),
        Step("delete_project gold-empty restricted", "project delete gold-empty",
             output=r"gold-empty"),
        Step("delete_project gold-proj restricted with a function", "project delete gold-proj",
             1, r"(?s)functions.*--strategy cascading"),
        Step("delete_project gold-proj cascading", "project delete gold-proj --strategy cascading",
             output=r"gold-proj"),
        Step("get_project gold-proj after cascading delete", "get projects gold-proj", 1,
             r"not found"),
        Step("delete_project missing project", "project delete gold-missing", 1,
             r"project 'gold-missing' not found"),
    ],
    "projects-cascading-nok8s": [
        Step("delete_project gold-nok8s cascading", "project delete gold-nok8s --strategy cascading",
             1, r"v1api"),
        Step("delete_project gold-nok8s restricted", "project delete gold-nok8s",
             output=r"gold-nok8s"),
    ],
    "runs": [
        Step("read_run missing uid", "runs show nosuchuid -p gold-runs", 1, r"not found"),
        Step("list_runs name=train", "get runs -p gold-runs --name train", output=r"uid42batch"),
        Step("list_runs labels team=a and batch=b1", "get runs -p gold-runs -s team=a,batch=b1",
             output=r"uid03batch"),
        Step("list_runs states=[error]", "get runs -p gold-runs --state error",
             output=r"uid41batch"),
        Step("list_runs name=hyper iter=False", "get runs -p gold-runs --name hyper"),
        Step("list_runs name=hyper iter=True", "get runs -p gold-runs --name hyper --all-iterations"),
        Step("list_runs start_time_from/to window", "get runs -p gold-runs "
             "--since 2026-01-01T12:10:00+00:00 --until 2026-01-01T12:14:00+00:00",
             output=r"uid14batch"),
        Step("list_runs no filter", "get runs -p gold-runs"),
        Step("list_runs project=* name=train", "get runs -p '*' --name train",
             output=r"uid42batch"),
        # Three pages of 20 (the server's page token followed to the end).
        Step("list_runs label batch=b1 with page-size 20", "get runs -p gold-runs -s batch=b1",
             output=r"(?s)uid44batch.*uid24batch.*uid04batch"),
        Step("del_run one run without a log", "runs delete uid00batch -p gold-runs",
             output=r"deleted 1 run"),
    ],
}
