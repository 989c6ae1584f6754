"""Data files of partnerlib: the heading vocabulary, the category taxonomy, the page icon."""
