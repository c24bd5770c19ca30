"""Training: fits a one-feature threshold classifier on a CSV data set (standard library only)."""
import csv


def train(context, dataset=None, label_column: str = "label", steps: int = 50):
    """Find the threshold on x1 + x2 that best separates the labels.

    :param context:      the MLRun run context
    :param dataset:      the CSV data set (an input, e.g. -i dataset=path/to/dataset.csv)
    :param label_column: name of the label column
    :param steps:        how many thresholds to try between 0 and 2
    """
    if dataset is None:
        raise ValueError("the 'dataset' input is required (mlrun run -f trainer -i dataset=...)")
    path = dataset.local() if hasattr(dataset, "local") else str(dataset)
    with open(path, newline="") as handle:
        rows = [(float(r["x1"]) + float(r["x2"]), int(r[label_column])) for r in csv.DictReader(handle)]
    best_threshold, best_accuracy = 0.0, 0.0
    for step in range(steps + 1):
        threshold = 2.0 * step / steps
        correct = sum(1 for value, label in rows if int(value > threshold) == label)
        accuracy = correct / len(rows) if rows else 0.0
        if accuracy > best_accuracy:
            best_threshold, best_accuracy = threshold, accuracy
    context.log_result("threshold", round(best_threshold, 4))
    context.log_result("accuracy", round(best_accuracy, 4))
