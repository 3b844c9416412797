"""The demo read as its users read it: every word in Dutch, no file names of our documentation (the
checker and why it is a list of words: chancery.core.tests.test_demo_words)."""

from django.contrib.auth.models import AnonymousUser

from chancery.core.demo.data import USERS
from chancery.core.models import User
from chancery.core.tests.test_demo_words import problems_of, read_as


def test_the_demo_speaks_dutch_to_every_reader(on_the_demo):
    said, _links = problems_of(f"<pre>{on_the_demo}</pre>")
    assert not said, f"`chancery demo` says: {said}"
    readers = [AnonymousUser(), *User.objects.filter(username__in=[u[0] for u in USERS]).order_by("pk")]
    assert len(readers) == len(USERS) + 1
    report = []
    for reader in readers:
        problems, read = read_as(reader)
        assert read >= 10, (str(reader), read)  # the crawl reached the reader's pages
        for address, found in problems.items():
            report.extend(f"{reader} {address}: {problem}" for problem in found)
    assert not report, "English or doc file names on the demo's pages:\n" + "\n".join(report)
