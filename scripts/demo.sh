#!/usr/bin/env bash
# README command 1: installs what is missing, builds the release binary, and runs the main job
# end to end on the embedded default store, in a throw-away HOME so nothing of yours is touched:
# a small project with a training handler, run locally, then the run and its log.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
say() { printf 'demo.sh [%dm%02ds]: %s\n' $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)) "$*" >&2; }

say "installing the Debian packages that are missing (none: instant; all: 1-3 min)"
bash scripts/deps.sh
say "building the release binary (first time about 3-5 min on 2 cores; then seconds)"
cmake --preset release >/dev/null
cmake --build --preset release -j2
mlrun="$PWD/build/release/mlrun"
say "built $mlrun; running the demo in a throw-away HOME"

demo=$(mktemp -d)
trap 'rm -rf "$demo"' EXIT
export HOME="$demo" NO_COLOR=1
mkdir -p "$demo/demo-project/src"
cd "$demo/demo-project"
cat > project.yaml <<'YAML'
kind: project
metadata:
  name: demo
spec:
  description: native mlrun demo
  functions:
  - name: trainer
    url: src/trainer.py
    kind: job
    image: mlrun/mlrun
    handler: train
YAML
cat > src/trainer.py <<'PY'
def train(context, lr: float = 0.1, epochs: int = 3):
    """Pretend to train: log metrics per epoch and a model file."""
    accuracy = 0.5
    for epoch in range(epochs):
        accuracy += lr * (1 - accuracy)
        context.logger.info("epoch done", epoch=epoch, accuracy=round(accuracy, 4))
    with open("model.txt", "w") as out:
        out.write(f"lr={lr} epochs={epochs}\n")
    context.log_artifact("model", local_path="model.txt")
    context.log_results({"accuracy": round(accuracy, 4), "epochs": epochs})
PY

step() { printf '\n$ %s\n' "$*"; "$@"; }
step "$mlrun" version
step "$mlrun" run -f trainer --local -p lr=0.2 -p epochs=4
step "$mlrun" run -f trainer --local -x lr=[0.05,0.2,0.4] --selector max.accuracy
step "$mlrun" get runs -p demo
uid=$("$mlrun" get runs -p demo --limit 1 --sort oldest --output json | python3 -c 'import json, sys; print(json.load(sys.stdin)["runs"][0]["metadata"]["uid"])')
step "$mlrun" logs "$uid" -p demo
step "$mlrun" get artifacts -p demo
printf '\ndemo finished: the project, its store and HOME %s are removed\n' "$demo"
