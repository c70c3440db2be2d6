"""Stories: reports of one development grouped across outlets, and how they differ."""
