"""The spaCy boundary: a spaCy ``Doc`` never leaves this package."""
