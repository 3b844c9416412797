"""Use cases of monitoring, one module per concern."""
