"""language (framework-free)."""
