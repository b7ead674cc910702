"""The whole data set for analysts: SQLite, CSV or JSON."""
