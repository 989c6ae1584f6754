"""The exit codes of every `python -m partnerlib` command."""

EXIT_OK = 0  # done
EXIT_FAILURE = 1  # the work could not be done: a file with nothing to read, a database error, a write refused
EXIT_USAGE = 2  # the command was given wrongly: a missing file, a bad option or setting
