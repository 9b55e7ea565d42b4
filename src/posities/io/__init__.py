"""Files: reading YAML with locations, editing YAML text in place, the one atomic writer, the
record cache and writing reports."""
