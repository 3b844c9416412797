"""The API's documentation page renders the OpenAPI document in the browser, within the CSP."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_api_docs_page_renders_the_openapi_document(page):
    page.goto("/api/v1/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Chancery API")
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/decisions").first).to_be_visible()
    assert page.console_errors == []
