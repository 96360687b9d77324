"""Turn extracted tables into exception records, money, years, entities and identities."""
