"""The course: lessons and programs as Markdown files a clinician can edit, and their loader."""
