"""Data preparation: writes a small synthetic CSV data set and logs it as an artifact."""
import csv
import os
import random


def prep_data(context, rows: int = 200, seed: int = 42, label_column: str = "label"):
    """Create a synthetic, labelled data set.

    :param context:      the MLRun run context
    :param rows:         how many rows to write
    :param seed:         random seed, for repeatable data
    :param label_column: name of the label column
    """
    generator = random.Random(seed)
    path = os.path.join(context.artifact_path or ".", "dataset.csv")
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    positives = 0
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["x1", "x2", label_column])
        for _ in range(rows):
            x1, x2 = generator.random(), generator.random()
            label = int(x1 + x2 > 1.0)
            positives += label
            writer.writerow([round(x1, 4), round(x2, 4), label])
    context.log_result("rows", rows)
    context.log_result("positive_ratio", round(positives / rows, 4) if rows else 0.0)
    context.log_artifact("dataset", local_path=path)
