"""Time: financial years and dates in running text, the year an amount belongs to, and the year
and quarter/month a report covers.

In: field text, a report's title, file name and headings. Out: year and date mentions, report periods.
"""
