"""Django's own Dutch wording for common form messages, kept in our catalogue so that it wins over
third-party apps' catalogues (Django prefers LOCALE_PATHS, then apps, then its own)."""

from django.utils.translation import gettext_noop

FORM_MESSAGES = [
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid date/time."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
]
