"""The rules: loading and validating a register, filtering, quote verification, checks,
comparing versions, history and the editing use cases. Never prints, never exits."""
