"""cycle (framework-free)."""
