"""MkDocs plugin that renders the playbook YAML into site pages (a thin adapter)."""
