"""progress (framework-free)."""
