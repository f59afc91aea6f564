"""The phone app ("my deals"): a page whose script keeps a rep's deals on the device, judges
them with the same rules as the validator (assets/judge.js reading rules.json) and reads and
writes deal files."""
