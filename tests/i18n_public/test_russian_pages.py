"""The public pages in Russian: this part's text is translated, whole and in plural forms.

Views are called directly inside translation.override("ru"), with no middleware: on an
unprefixed URL the LocaleMiddleware would activate English (that is the language in the
URL, tested in tests/i18n/), and here only the text of the pages is tested.
"""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from cases import views
from cases.api.views import CaseList
from cases.models import CaseStatus

# Words the Russian page keeps in Latin letters: formats and the query syntax's operator.
LATIN_KEPT = {"Atom", "CSV", "JSON", "API", "or"}


@pytest.fixture(autouse=True)
def project_catalog(settings):
    """The project catalog (templates' messages): LOCALE_PATHS names it."""
    locale = settings.BASE_DIR / "locale"
    if locale not in [type(locale)(path) for path in settings.LOCALE_PATHS]:
        settings.LOCALE_PATHS = [*settings.LOCALE_PATHS, locale]


class _Visible(HTMLParser):
    """The text a reader sees in <title> and <main>, and the labels read aloud."""

    def __init__(self):
        super().__init__()
        self.parts, self.depth, self.skip = [], 0, 0

    def handle_starttag(self, tag, attrs):
        if tag in ("main", "title"):
            self.depth += 1
        if tag in ("script", "style", "template"):
            self.skip += 1
        if self.depth:
            self.parts.extend(v for k, v in attrs if k in ("aria-label", "title") and v)

    def handle_endtag(self, tag):
        if tag in ("main", "title"):
            self.depth -= 1
        if tag in ("script", "style", "template"):
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    # Snippets quote the matched content (staff's words), highlighted.
    parser.feed(re.sub(r'<p class="snippet">.*?</p>', " ", html, flags=re.S))
    return " ".join(" ".join(parser.parts).split())


def render(view, rf, path="/", **kwargs):
    request = rf.get(path)
    request.user = AnonymousUser()
    with translation.override("ru"):
        response = view(request, **kwargs)
    return response.content.decode()


def english_words(text: str, content: list[str]) -> set[str]:
    for piece in sorted(content, key=len, reverse=True):
        text = text.replace(piece, " ")
    return set(re.findall(r"[A-Za-z]{2,}", text)) - LATIN_KEPT


def story_content(case) -> list[str]:
    """What staff wrote (not this part's to translate): titles, names, quotes, summaries."""
    return [
        case.title,
        case.summary,
        "Human Rights Watch",
        "HRW",
        "Toirjon Abdussamatov",
        "a human tragedy",
        "Forced returns to Uzbekistan illegal",
        # Status labels are model choices, translated with the models (the staff side).
        *[str(label) for label in CaseStatus.labels],
    ]


def test_a_russian_search_page_has_no_english_left_but_content(rf, story):
    html = render(views.case_list, rf, "/cases/?q=Almaty")
    text = visible_text(html)
    assert "Найдено 1 дело" in text
    assert "Поиск дел" in text and "Фильтры" in text and "Сортировка" in text
    assert "Казахстан" in text  # the host country facet, named in Russian
    assert english_words(text, [*story_content(story), "Almaty"]) == set()  # + the query


def test_a_russian_search_without_results_and_its_plural_forms(rf, story, make_case):
    for number in range(2, 6):
        make_case(f"Case {number}")
    text = visible_text(render(views.case_list, rf, "/cases/"))
    assert "Найдено 5 дел" in text
    text = visible_text(render(views.case_list, rf, "/cases/?q=zzzqqq"))
    assert "Подходящих опубликованных дел нет" in text
    assert english_words(text, ["zzzqqq"]) == set()


def test_a_refused_filter_is_explained_in_russian(rf, story):
    text = visible_text(render(views.case_list, rf, "/cases/?date_from=June"))
    assert "Этот фильтр не распознан" in text
    assert "Ожидается дата вида 2010-06-09." in text
    assert english_words(text, ["June"]) == set()


def test_the_russian_home_page(rf, story, make_case):
    make_case("Second case")
    text = visible_text(render(views.home, rf))
    assert "2 опубликованных дела" in text
    assert "Последние обновления" in text
    # The page's <title> is base.html's (the site's name), translated with it.
    content = ["Case tracker", story.title, "Second case"]
    content += [str(label) for label in CaseStatus.labels]
    assert english_words(text, content) == set()


def test_the_russian_case_page_headings_and_dates(rf, story):
    text = visible_text(render(views.case_detail, rf, slug=story.slug))
    for heading in ("Хронология", "Заявления", "Фигуранты дела", "Источники", "Как ссылаться"):
        assert heading in text
    for english in ("Timeline", "Statements", "Sources", "Cite this case", "Last updated"):
        assert english not in text
    months = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
    assert re.search(rf"последнее обновление: \d{{1,2}} ({months}) \d{{4}} г\.", text)


def test_the_russian_person_and_organization_pages(rf, story):
    person = story.subjects.get(person__display_name="Toirjon Abdussamatov").person
    text = visible_text(render(views.person_detail, rf, slug=person.slug))
    assert "1 опубликованное дело, сначала недавно изменённые." in text
    assert "Cases" not in text
    text = visible_text(render(views.organization_detail, rf, slug="human-rights-watch"))
    assert "Тип" in text and "1 опубликованное заявление, сначала новые." in text
    text = visible_text(render(views.person_list, rf, "/people/"))
    assert "Поиск по имени или названию" in text
    assert english_words(text, ["Toirjon Abdussamatov", "Dzhakishev"]) == set()


def test_an_api_error_in_russian(rf, db):
    request = rf.get("/api/cases/", {"page_size": "0"})
    with translation.override("ru"):
        response = CaseList.as_view()(request)
        response.render()
    assert response.status_code == 400
    assert response.data["page_size"] == ["Введите целое число от 1 до 100."]
