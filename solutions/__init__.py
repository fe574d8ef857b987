"""Reference solutions: the single source of every function body of the course."""
