"""YAML in and out: the fast reader, safe loading, round-trip edits and the canonical form."""
