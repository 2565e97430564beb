"""The version of libldrt this binding was written for."""

MAJOR = 0
MINOR = 1
PATCH = 0
VERSION = "%d.%d.%d" % (MAJOR, MINOR, PATCH)
