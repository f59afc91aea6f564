"""The `playbook` command: a thin adapter over the `salesplaybook` core."""
