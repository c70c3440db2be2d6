"""Scale-out: every local core (:mod:`.workers`) and PySpark for big corpora (:mod:`.spark`)."""
