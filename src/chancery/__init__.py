"""Chancery: decisions, programmes and procedures of a government chancellery."""
