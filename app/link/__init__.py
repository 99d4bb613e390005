"""Linking: stories, actors across articles, figure topics and claim matches."""
