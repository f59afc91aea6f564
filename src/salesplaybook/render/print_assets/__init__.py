"""CSS and JavaScript of the checklist and blank-form pages (read by render/checklists.py)."""
