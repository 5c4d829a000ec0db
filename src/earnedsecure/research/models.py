"""Studies, their versioned consent texts, and who joined (to come)."""
