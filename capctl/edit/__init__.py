"""New records and edits of existing ones, checked before anything is written."""
