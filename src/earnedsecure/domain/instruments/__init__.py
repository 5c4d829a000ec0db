"""instruments (framework-free)."""
