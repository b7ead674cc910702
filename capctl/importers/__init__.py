"""Bringing outside data in: Open States officials and sign-in sheets."""
