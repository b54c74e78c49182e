"""The LKE "Penguatan Pengawasan" page: the worksheet as data (models), SIGAP's proposed
answers with their evidence (sources, builtin_sources), the evaluator's overrides
(services), the scores (scoring) and the report (document)."""
