"""Ingest: turn files, folders, globs, stdin, JSONL, WARC and gzip into :class:`RawItem`."""
