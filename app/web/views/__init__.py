"""One view module per page type."""
