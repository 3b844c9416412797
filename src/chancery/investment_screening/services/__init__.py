"""Use cases of the screening of foreign direct investments:

- `thresholds.deal_from_json(data)` → a `Deal`, or a ValidationError with every problem in Dutch;
  `thresholds.assess(deal)` → whether the deal is notifiable, which levels it reaches anew, the
  Flemish link, and why (one service for the command, the form and the case page).
"""
