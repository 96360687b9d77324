"""Identity: which rows of different reports are the same project (`project_key`), and which files
are one report archived in several formats (the content fingerprint).

In: records of many reports. Out: project keys with the reason two names were linked; report fingerprints.
"""
