"""Writers for the dataset tables and the HTML review report."""
