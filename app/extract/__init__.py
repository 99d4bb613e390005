"""Extraction: figures, statements, actors, places and dates, as spans of the stored body."""
