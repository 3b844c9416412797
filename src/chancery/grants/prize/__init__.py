"""The human rights prize (memorandum §6.1.2): its procedure MRP, read rules, pages and case panel,
kept apart from the grants; its models are `grants.prize_models`, its rules `grants.services.prize`."""
