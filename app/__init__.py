"""Parallax: read several news reports of one event side by side."""

__version__ = "0.1.0"
