"""A reviewer's corrections file (`target_id,field,value,verdict,note`): read and checked, then applied
by id to the extracted rows on every run, with a log of what each line did.

In: corrections CSV and output rows. Out: corrected rows and the applied-corrections log.
"""
