"""The steps of the `main` workflow: each is a plain-Python handler run as an MLRun job."""
import json
import os
import random


def _write(context, key, records):
    path = os.path.join(context.artifact_path or ".", key + ".json")
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w") as handle:
        json.dump(records, handle)
    context.log_artifact(key, local_path=path)
    return path


def _read(item):
    path = item.local() if hasattr(item, "local") else str(item)
    with open(path) as handle:
        return json.load(handle)


def ingest(context, rows: int = 100, seed: int = 7):
    """Write raw records, some of them incomplete.

    :param context: the MLRun run context
    :param rows:    how many records to write
    :param seed:    random seed
    """
    generator = random.Random(seed)
    records = [{"id": i, "value": None if generator.random() < 0.1 else round(generator.gauss(10, 2), 3)}
               for i in range(rows)]
    _write(context, "raw", records)
    context.log_result("rows", rows)


def clean(context, raw=None):
    """Drop incomplete records.

    :param context: the MLRun run context
    :param raw:     the raw records (JSON artifact of the ingest step)
    """
    records = [r for r in _read(raw) if r["value"] is not None]
    _write(context, "cleaned", records)
    context.log_result("kept", len(records))


def summarise(context, cleaned=None):
    """Log summary statistics of the cleaned records.

    :param context: the MLRun run context
    :param cleaned: the cleaned records (JSON artifact of the clean step)
    """
    values = [r["value"] for r in _read(cleaned)]
    mean = sum(values) / len(values) if values else 0.0
    context.log_result("count", len(values))
    context.log_result("mean", round(mean, 4))
