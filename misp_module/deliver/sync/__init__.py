"""The sync job: keep a MISP instance (or a MISP feed folder) in step with a repository of reports."""
