"""Every page is usable on a phone: at 390 px no page scrolls sideways (issue 11, "Phones").

Each role opens, in Kyrgyz at 390×844, a representative set of its pages — the dashboard, lists, a
file, the application form, the grade sheet, a study plan, the regulation browser, a decision, the
student's record with its transcript — found by following the links a person would follow, and the
page must be no wider than the screen (``document.documentElement.scrollWidth <= 390``). A wide table
scrolls inside its own box; a long word breaks. The widest elements are named when a page overflows.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import login

PHONE = {"width": 390, "height": 844}
# role → steps; a step is a path, or (path, pattern[, selector]): open path, then the first link whose href
# matches (and whose page shows the selector: a course with a grade sheet of students, not an empty one).
PAGES: dict[str, list[Any]] = {
    "student": ["/dashboard/", "/desk/", "/mobility/calls/", ("/mobility/calls/", r"^/mobility/calls/\d+/$"),
                ("/mobility/applications/", r"^/mobility/applications/\d+/$"), "/mobility/applications/new/"],
    "ird_officer": ["/dashboard/", "/mobility/applications/", ("/mobility/applications/", r"^/mobility/applications/\d+/$"),
                    "/mobility/partners/", "/mobility/trips/", ("/mobility/trips/", r"^/mobility/trips/\d+/$"), "/mobility/statistics/"],
    "dean_office": ["/dashboard/", "/people/students/", ("/people/students/", r"^/people/students/\d+/$"), "/mobility/tasks/"],
    "kstudent": ["/dashboard/", "/postgrad/students/me/", "/postgrad/registration/",
                 ("/postgrad/registration/", r"^/postgrad/registration/timetable/\d+/$")],
    "kinstructor": ["/dashboard/", "/postgrad/courses/", ("/postgrad/courses/", r"^/postgrad/courses/\d+/$", "#gradesheet tbody tr")],
    "kinstitute": ["/dashboard/", "/postgrad/students/", ("/postgrad/students/", r"^/postgrad/students/\d+/$"), "/postgrad/exams/",
                   ("/postgrad/grades/queue/", r"^/postgrad/courses/\d+/$"), ("/postgrad/grades/queue/", r"^/postgrad/appeals/\d+/$")],
    "board_secretary": ["/dashboard/", "/governance/decisions/", ("/governance/decisions/", r"^/governance/decisions/\d+/$"),
                        ("/governance/bodies/", r"^/governance/bodies/\d+/$")],
    "outsider": ["/regulations/", ("/regulations/", r"^/regulations/(OSU|KTMU)-[^/]+/$"), "/regulations/parameters/",
                 "/regulations/workflows/", "/mobility/calls/"],
}
WIDEST_JS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right > 391 && !el.closest('[data-scrolls]')) {
      let p = el.parentElement, inside = false;
      while (p) { const s = getComputedStyle(p); if (s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowX === 'hidden') { inside = true; break; } p = p.parentElement; }
      if (!inside) out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''} → ${Math.round(r.right)}px`);
    }
  }
  return out.slice(0, 8);
}"""


def _follow(page: Any, base: str, path: str, pattern: str, selector: str | None = None) -> str:
    page.goto(f"{base}{path}")
    hrefs = page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))")
    candidates = list(dict.fromkeys(h for h in hrefs if re.match(pattern, h.split("?")[0])))
    for href in candidates[:20]:
        if selector is None:
            return str(href)
        page.goto(f"{base}{href}")
        if page.locator(selector).count():
            return str(href)
    pytest.fail(f"no link matching {pattern}{' to a page with ' + selector if selector else ''} on {path}")


@pytest.mark.browser
@pytest.mark.parametrize("role", list(PAGES))
def test_pages_fit_a_phone_screen(browser: Any, bilim_server: str, role: str) -> None:
    context = browser.new_context(viewport=PHONE, locale="ky-KG", is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        login(page, bilim_server, role)
        problems: list[str] = []
        seen = 0
        for step in PAGES[role]:
            path = _follow(page, bilim_server, *step) if isinstance(step, tuple) else step
            response = page.goto(f"{bilim_server}{path}")
            assert response is not None and response.status == 200, f"{role} {path} → {response and response.status}"
            assert page.locator("html").get_attribute("lang") == "ky"
            seen += 1
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                problems.append(f"{path}: {width}px wide; " + "; ".join(page.evaluate(WIDEST_JS)))
        assert seen == len(PAGES[role])
        assert not problems, f"{role}: pages wider than a phone\n" + "\n".join(problems)
    finally:
        context.close()
