"""The results cache: the signed store (store) and what a result is keyed by and depends on
(keys). Validate's and the portfolio's use of it live in smartplan.check.cached."""
