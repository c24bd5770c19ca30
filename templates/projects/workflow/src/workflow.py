"""The `main` workflow: ingest -> clean -> summarise, each step a project function."""
import mlrun


def pipeline(rows: int = 100):
    project = mlrun.get_current_project()
    ingest = project.run_function("ingest", params={"rows": rows})
    clean = project.run_function("clean", inputs={"raw": ingest.outputs["raw"]})
    project.run_function("summarise", inputs={"cleaned": clean.outputs["cleaned"]})
