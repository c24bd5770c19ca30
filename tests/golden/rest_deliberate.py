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
]

KNOWN = [
    ("*", "*", "PATCH */runs/<uid>", "not sent",
     "the finished run is stored whole (POST) rather than as MLRun's dotted-key PATCH"),
    ("*", "*", "GET /api/v1/projects/*", "not sent",
     "MLRun's client reads the project before it stores a run's artifacts; not needed here"),
    ("*", "*", "GET /api/v1/projects/*", "sent*", "as above"),
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
