#!/usr/bin/env python3
"""Writes N synthetic MLRun run objects as JSON lines (for `mlrun runs import`) and, given a
schema file (the store's own, from `sqlite3 store.db .schema`), the same rows as one SQL
transaction for the sqlite3 baseline. Standard library only.

usage: make_runs.py N runs.jsonl [schema.sql load.sql]"""
import json
import random
import sys
import uuid


def main():
    count = int(sys.argv[1])
    jsonl_path = sys.argv[2]
    schema_path = sys.argv[3] if len(sys.argv) > 4 else None
    sql_path = sys.argv[4] if len(sys.argv) > 4 else None
    rng = random.Random(42)
    states = ["completed"] * 8 + ["error", "running"]
    base_us = 1_700_000_000_000_000
    sql = open(sql_path, "w") if sql_path else None
    if sql:
        sql.write("PRAGMA journal_mode=WAL;\n")
        sql.write(open(schema_path).read())
        sql.write("BEGIN;\n")
    with open(jsonl_path, "w") as out:
        for i in range(count):
            start_us = base_us + i * 1_000_000
            start = f"2023-11-{14 + (i // 86400) % 14:02d}T{(i // 3600) % 24:02d}:{(i // 60) % 60:02d}:{i % 60:02d}.000000+00:00"
            uid = uuid.UUID(int=rng.getrandbits(128)).hex
            name = f"trainer-{i % 50}"
            state = states[i % len(states)]
            run = {
                "metadata": {"name": name, "uid": uid, "iteration": 0, "project": "bench",
                             "labels": {"kind": "local", "owner": "ci", "host": f"host-{i % 7}"}},
                "spec": {"function": f"bench/{name}@{uid[:16]}", "handler": "train",
                         "parameters": {"lr": round(rng.random(), 4), "epochs": i % 20, "batch": 32},
                         "output_path": "/data/artifacts/bench", "scrape_metrics": True},
                "status": {"state": state, "results": {"accuracy": round(rng.random(), 4), "loss": round(rng.random(), 4)},
                           "start_time": start, "last_update": start},
            }
            line = json.dumps(run, separators=(",", ":"))
            out.write(line + "\n")
            if sql:
                body = line.replace("'", "''")
                sql.write(f"INSERT INTO runs(project,uid,iteration,name,state,sort_us,updated_us,body) VALUES("
                          f"'bench','{uid}',0,'{name}','{state}',{start_us},{start_us},'{body}');\n")
                for key, value in run["metadata"]["labels"].items():
                    sql.write(f"INSERT INTO run_labels VALUES(last_insert_rowid(),'{key}','{value}');\n")
    if sql:
        sql.write("COMMIT;\n")
        sql.close()


if __name__ == "__main__":
    main()
