import pytest

from tests.browser.test_take_home_journey import half_a_year_on  # noqa: F401

pytestmark = pytest.mark.browser


def test_shots(half_a_year_on, page, live_server):  # noqa: F811
    from django.conf import settings

    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": half_a_year_on["visitor"], "url": live_server.url}]
    )
    visit = half_a_year_on["visit"]
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(visit + "take-home/")
        page.screenshot(path=f"/tmp/shot-take-home-empty-{width}.png", full_page=True)
    page.get_by_label("Fictional dune circles").check()
    page.get_by_role("button", name="Add to the list").click()
    page.get_by_label("Adapt it to our work").check()
    page.get_by_label("Why? (optional)").fill("Our clients are younger.")
    page.get_by_role("button", name="Save").click()
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(visit + "take-home/")
        page.screenshot(path=f"/tmp/shot-take-home-{width}.png", full_page=True)
        page.goto(visit + "take-home/follow-up/6/")
        page.screenshot(path=f"/tmp/shot-follow-up-{width}.png", full_page=True)
    page.get_by_label("Adapting it").check()
    page.get_by_role("button", name="Send your answers").click()
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(half_a_year_on["practice"])
        page.screenshot(path=f"/tmp/shot-practice-{width}.png", full_page=True)
        page.goto(visit)
        page.screenshot(path=f"/tmp/shot-visit-{width}.png", full_page=True)
