"""Use cases of the procedure engine (see cases.py for the engine itself)."""
