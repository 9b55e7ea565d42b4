"""The data: records of positions, the words users read, dates, and the declared shape of a file.

Nothing here reads files, runs git or prints."""
