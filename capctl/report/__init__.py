"""The grant report: metrics, the chapter meeting's sections, and its formats."""
