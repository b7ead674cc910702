"""The vocabulary as Pydantic models: records, the chapter's settings and its metrics."""
