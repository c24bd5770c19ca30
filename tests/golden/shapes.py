"""The shape of a JSON body (its keys and their types, values left out: they vary between
recordings) and a comparison of two shapes, for the golden REST harnesses."""


def shape(value, numbers_alike=False):
    """`numbers_alike`: int and float are both "number" (a server's answers)."""
    if isinstance(value, dict):
        return {k: shape(v, numbers_alike) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(value[0], numbers_alike)] if value else []
    if numbers_alike and isinstance(value, (int, float)) and not isinstance(value, bool):
        return "number"
    return type(value).__name__ if value is not None else "null"


def compare_shape(golden, ours, path, out, answers=False):
    """Appends (place, what) for each difference. `answers` (a server's answers): an empty list
    against items is a difference, null against a value is not (a default left unset)."""
    if isinstance(golden, dict) and isinstance(ours, dict):
        for key in golden:
            if key not in ours:
                out.append((f"body.{path}{key}", "missing"))
            else:
                compare_shape(golden[key], ours[key], f"{path}{key}.", out, answers)
        for key in ours:
            if key not in golden:
                out.append((f"body.{path}{key}", "extra"))
        return
    if isinstance(golden, list) and isinstance(ours, list):
        if golden and ours:
            compare_shape(golden[0], ours[0], f"{path}[].", out, answers)
        elif answers and golden and not ours:
            out.append((f"body.{path}".rstrip("."), "empty list, expected items"))
        elif answers and ours and not golden:
            out.append((f"body.{path}".rstrip("."), "items, expected an empty list"))
        return
    if golden != ours and not (answers and "null" in (golden, ours)):
        out.append((f"body.{path}".rstrip("."), f"type: expected {golden}, got {ours}"))
