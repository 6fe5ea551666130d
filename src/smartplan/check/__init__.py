"""load → check → findings: the lint run (lint), one plan checked (plan), suppression and
baselines, fragments, the results cache's use by a run (cached), the process pool."""
