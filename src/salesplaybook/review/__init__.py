"""The weekly pipeline review: its figures (`numbers.py`, also the `--format json` output)
and one self-contained HTML page of them (`page.py`)."""
