"""What the programme is: the framework's taxonomy (dimensions, elements) and the figures
computed from a plan (amounts, quick wins, the evaluation index, the horizons)."""
