"""Cleaning: article body and metadata out of HTML or scraped text, then dedup and reposts."""
