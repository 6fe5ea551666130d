"""Where files come from and where they may lead: the repository's bounds (confine), the
one reader (reading), the one writer (output), the limits, digests and the bundled data."""
