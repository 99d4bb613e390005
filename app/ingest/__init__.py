"""Ingest: files in, clean articles out (body, captions, metadata with its basis)."""
