"""The data folder: its files, loading (with the cache), writing and editing records."""
