"""The nbgrader course: lesson notebooks, the sandboxed autograde seam, and the demo."""
