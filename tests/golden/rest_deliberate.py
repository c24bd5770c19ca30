"""Request differences from MLRun 1.7's client (golden rest/cli-*): (scenario glob, step glob,
where glob, what glob, reason). `where` is "METHOD /path" (uids as <uid>) plus the part:
`query.NAME`, `header.NAME`, `body.KEY.KEY`. DELIBERATE: made on purpose. KNOWN: not matched
yet; each is removed as it is fixed, and anything not listed fails the test."""

DELIBERATE = [
    ("*", "*", "* header.x-mlrun-client-python-version", "missing",
     "this client is not Python, so it sends no Python version"),
    ("*", "*", "POST */logs/<uid>*", "*",
     "the run's output reaches its log while it runs (MLRun's client sends it once at the end), "
     "so `mlrun logs -f` on another machine follows a local run live"),
    ("*", "*", "POST */runs/<uid> body.status.runner", "extra",
     "the process that runs the run, so any reader can tell when its runner died"),
    ("*", "*", "POST */runs/<uid> body.metadata.labels.host", "extra",
     "the host label is there from the first store (MLRun adds it with its second)"),
    ("*", "*", "POST */runs/<uid> body.status.start_time", "extra",
     "stored when the run starts; MLRun's first store carries no time"),
    ("*", "*", "POST */runs/<uid> body.status.last_update", "*", "as above"),
    ("*", "*", "POST */runs/<uid> body.spec.scrape_metrics", "missing",
     "written only when asked for (--scrape-metrics)"),
    ("cli-failing-run", "*", "POST */runs/<uid> body.status.error", "extra",
     "a failed handler is recorded as error, with its error (upstream bug: created)"),
    ("cli-project", "[[]project proj -r main*", "POST */runs/<uid> body.*", "*",
     "the workflow's own record (job-type=workflow-runner), this tool's addition (README)"),
    ("cli-project", "[[]project proj -r main*", "POST */runs/<uid>", "sent*",
     "as above: the workflow record"),
    ("*", "[[]* nosuchuid *", "GET /api/v1/projects/*/runs", "sent*",
     "a uid not found whole is looked for as the prefix of one (a listing): `runs show`, `logs` "
     "and `runs delete` take uid prefixes"),
    # The SDK scenarios (sdk_steps.py): this tool's command for the SDK call of the step.
    ("runs", "[[]runs delete *", "GET /api/v1/projects/*/runs*", "sent*",
     "the run is read before it is deleted: a run that has not finished is refused before "
     "anything is deleted (MLRun's server refuses it only in a listing delete), and its "
     "iterations are listed so that they are deleted and counted too"),
    ("projects*", "*", "GET /api/v1/client-spec", "sent here*",
     "each command is a process of its own and reads the client-spec once, as MLRun's CLI "
     "does; the SDK script read it once at import"),
    ("runs", "*", "GET /api/v1/client-spec", "sent here*", "as above"),
    ("artifacts", "*", "GET /api/v1/client-spec", "sent here*", "as above"),
    ("artifacts", "[[]artifacts list*", "GET */artifacts query.*", "extra (got [[]'']*",
     "name= and tag= are sent empty, as MLRun's CLI sends them (`mlrun get artifacts`, rest/"
     "cli-get-logs); the SDK leaves them out; the server reads both as none"),
    ("artifacts", "[[]artifacts *", "GET */artifacts*", "sent*",
     "the version is looked up before it is shown, tagged or deleted: a plain key is found as a "
     "run artifact's db key, a missing version is an error (MLRun's server answers a delete of "
     "nothing with 204), and the tag or delete then names the version that was found"),
    ("artifacts", "[[]artifacts delete * --tag *", "DELETE */artifacts/* query.*", "*",
     "one version is deleted by its object uid, tree and iteration, never by a tag: a tag names "
     "every iteration of a hyper-parameter run, and may have moved since it was looked up"),
    ("artifacts", "[[]artifacts delete * --tree *", "DELETE */artifacts/* query.*", "*",
     "MLRun's server deletes every version of the key when only a tree is sent (upstream bug, "
     "rest/artifacts.notes); the version of that tree is named by its object uid and iteration"),
    ("artifacts", "[[]artifacts delete * --uid *", "DELETE */artifacts/* query.*", "extra*",
     "the tree and iteration of the version are sent beside its object uid"),
    ("artifacts", "[[]artifacts delete nosuch*", "DELETE */artifacts/nosuch", "not sent",
     "a key with no version is an error and nothing is deleted (MLRun's server answers 204)"),
]

KNOWN = [
    ("*", "*", "PATCH */runs/<uid>", "not sent",
     "the finished run is stored whole (POST) rather than as MLRun's dotted-key PATCH"),
    ("cli-*", "*", "re:GET /api/v1/projects/[^/]+", "not sent",
     "MLRun's client reads the project before it stores a run's artifacts; not needed here"),
    ("cli-*", "*", "re:GET /api/v1/projects/[^/]+", "sent*", "as above"),
    ("*", "*", "GET /api/v1/projects/*/runs/<uid>", "sent here*",
     "get run/logs read the run here where MLRun's client reads it in another step"),
    ("*", "*", "GET /api/v1/client-spec", "sent here*",
     "client-spec is read when the API is first used, not at start-up"),
    ("*", "*", "GET /api/v1/client-spec", "not sent", "as above"),
    ("*", "*", "POST */runs/<uid> body.*", "*",
     "run bodies are compared stage by stage: this tool stores the run at other moments than "
     "MLRun's client (created, running, finished), so their keys differ per request"),
    ("*", "*", "POST */runs/<uid>", "not sent", "as above"),
    ("*", "*", "POST */runs/<uid>", "sent*", "as above"),
    ("*", "*", "PUT /api/v2/projects/*/artifacts/*", "not sent",
     "hyper-parameter iterations' artifacts are stored with the iteration's run"),
    ("*", "[[]logs nosuchuid*", "GET */logs/nosuchuid", "not sent",
     "an unknown uid is looked up as a run first, to say the run was not found"),
    ("*", "[[]logs nosuchuid*", "GET */runs/nosuchuid", "sent*", "as above"),
    ("*", "[[]run h.py --handler fail*", "GET */runs/<uid>", "not sent",
     "MLRun's client reads the failed run back; the tool has it already"),
]
