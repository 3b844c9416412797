"""Back-office screens of decision-making: thin views over decisions.services, one module per part of
them (as `services/`); `decisions/urls.py` names them."""
