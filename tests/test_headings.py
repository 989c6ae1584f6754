"""Headings by meaning: real column headings of library reports and plans, each to the field it names."""

from __future__ import annotations

import pytest

from partnerlib import headings
from partnerlib.headings import AMBIGUOUS, EXACT, WORDS, match

# Headings as they stand in published annual reports, event plans and branch tables of Russian library
# systems (and the English of such sheets), typed with their units, qualifiers and word forms.
REAL_HEADINGS = [
    # partners
    ("Наименование партнёра", "partner"), ("Наименование организации-партнера", "partner"),
    ("Партнеры", "partner"), ("Партнёр (организация)", "partner"), ("Партнер(ы)", "partner"),
    ("Организация-партнёр", "partner"), ("Организации-партнеры", "partner"), ("Социальные партнеры", "partner"),
    ("Социальный партнёр", "partner"), ("Совместно с", "partner"), ("Организации-соисполнители", "partner"),
    ("Соисполнители", "partner"), ("Соорганизаторы", "partner"), ("Партнёрские организации", "partner"),
    ("Наименование учреждения", "partner"), ("Полное наименование организации", "partner"),
    ("Название организации (учреждения)", "partner"), ("Привлечённые партнёры", "partner"),
    ("Партнеры мероприятия", "partner"), ("С кем проведено", "partner"),
    ("Partner(s)", "partner"), ("Partners", "partner"), ("Partner organisation", "partner"),
    ("Organization name", "partner"), ("Co-organizers", "partner"),
    # categories and levels
    ("Категория", "category"), ("Категория партнёра", "category"), ("Категория партнеров", "category"),
    ("Тип партнёра", "category"), ("Тип организации", "category"), ("Вид организации", "category"),
    ("Группа партнеров", "category"), ("Сфера деятельности", "category"), ("Отрасль", "category"),
    ("Категория (тип) партнёра", "category"), ("Partner type", "category"), ("Type of partner", "category"),
    ("Partner category", "category"), ("Sector", "category"),
    ("Уровень", "level"), ("Уровень партнёра", "level"), ("Статус организации", "level"),
    ("Уровень (федеральный, региональный, муниципальный)", "level"), ("Level", "level"),
    # since
    ("С какого года", "since"), ("С какого года сотрудничество", "since"), ("Год начала сотрудничества", "since"),
    ("Сотрудничаем с … года", "since"), ("Сотрудничаем с (год)", "since"), ("Начало сотрудничества, год", "since"),
    ("Сотрудничество с", "since"), ("Партнёр с (год)", "since"), ("Работаем с", "since"),
    ("Partner since", "since"), ("Since (year)", "since"), ("Working with us since", "since"),
    # library
    ("Библиотека", "library"), ("Филиал", "library"), ("Структурное подразделение", "library"),
    ("Библиотека-филиал", "library"), ("Наименование библиотеки", "library"), ("Подразделение ЦБС", "library"),
    ("Отдел", "library"), ("Library", "library"), ("Branch", "library"),
    # notes
    ("Примечание", "notes"), ("Примечания", "notes"), ("Комментарий", "notes"), ("Контакты", "notes"),
    ("Notes", "notes"), ("Remarks", "notes"),
    # dates
    ("Дата", "date"), ("Дата проведения", "date"), ("Дата и время проведения", "date"),
    ("Дата/время проведения", "date"), ("Дата мероприятия", "date"), ("Дата проведения мероприятия", "date"),
    ("Сроки проведения", "date"), ("Срок проведения", "date"), ("Сроки", "date"), ("Период проведения", "date"),
    ("Дата начала", "date"), ("Дата (число, месяц)", "date"), ("Когда", "date"), ("Дата, время", "date"),
    ("Held on", "date"), ("Date", "date"), ("Event date", "date"), ("Date held", "date"), ("Start date", "date"),
    ("Дата окончания", "date_end"), ("Дата завершения", "date_end"), ("Окончание", "date_end"),
    ("End date", "date_end"),
    ("Год", "year"), ("Год проведения", "year"), ("Отчётный год", "year"), ("Year", "year"),
    # titles
    ("Название мероприятия", "title"), ("Названия мероприятий", "title"), ("Наименование мероприятия", "title"),
    ("Наименование мероприятий", "title"), ("Мероприятие", "title"), ("Мероприятия", "title"),
    ("Название", "title"), ("Тема", "title"), ("Тема мероприятия", "title"), ("Название акции", "title"),
    ("Проект", "title"), ("Наименование проекта", "title"), ("Название и форма мероприятия", "title"),
    ("Содержание работы", "title"), ("Наименование мероприятия, форма", "title"),
    ("Название мероприятия (полное)", "title"), ("Event", "title"),
    ("Event title", "title"), ("Title", "title"), ("Activity", "title"), ("Event name", "title"),
    # formats
    ("Форма проведения", "format"), ("Формат", "format"), ("Формат проведения", "format"),
    ("Форма проведения (очно/онлайн)", "format"), ("Онлайн/офлайн", "format"), ("Форма работы", "format"),
    ("Формат мероприятия", "format"), ("Delivery mode", "format"), ("Format", "format"),
    ("Online/offline", "format"), ("Event format", "format"),
    # platforms: where an online event was shown (and, as Partnerlib's own sheets write «Площадка», any venue)
    ("Площадка", "platform"), ("Платформа", "platform"), ("Ресурс", "platform"),
    ("Интернет-ресурс", "platform"), ("Платформа (для онлайн)", "platform"), ("Интернет-площадка", "platform"),
    ("Площадка (для онлайн)", "platform"), ("Platform", "platform"), ("Channel", "platform"),
    # places: where an event was held (its values give the place, and a platform named in them the platform)
    ("Место проведения", "place"), ("Место", "place"), ("Площадка проведения", "place"),
    ("Место проведения / платформа", "place"), ("Платформа (место проведения)", "place"),
    ("Место проведения мероприятия", "place"), ("Место проведения (адрес)", "place"),
    ("Адрес проведения", "place"), ("Где проводилось", "place"), ("Где проходило мероприятие", "place"),
    ("Площадка проведения мероприятия", "place"), ("Фактическое место проведения", "place"),
    ("Venue", "place"), ("Place", "place"), ("Location", "place"), ("Place of event", "place"),
    # audiences (form 6-НК)
    ("Аудитория", "audience"), ("Целевая аудитория", "audience"), ("Категория участников", "audience"),
    ("Возраст", "audience"), ("Возраст участников", "audience"), ("Возрастная категория", "audience"),
    ("Читательская группа", "audience"), ("Группа читателей", "audience"), ("Для кого", "audience"),
    ("Аудитория мероприятия", "audience"), ("Target audience", "audience"), ("Audience", "audience"),
    # participants
    ("Кол-во участников", "participants"), ("Кол-во участников, чел.", "participants"),
    ("Количество участников", "participants"), ("Количество участников (чел.)", "participants"),
    ("Число участников", "participants"), ("Участники", "participants"), ("Участников", "participants"),
    ("Охват", "participants"), ("Охват, человек", "participants"), ("Охват (чел.)", "participants"),
    ("Охват участников", "participants"), ("Посещения", "participants"), ("Количество посещений", "participants"),
    ("Число посещений", "participants"), ("Кол-во посетителей", "participants"), ("Посетители", "participants"),
    ("Всего участников", "participants"), ("Количество присутствующих", "participants"),
    ("Attendance", "participants"), ("Attendance (persons)", "participants"), ("Participants", "participants"),
    ("Number of participants", "participants"), ("Attendees", "participants"), ("Visitors", "participants"),
    # views
    ("Количество просмотров", "views"), ("Кол-во просмотров", "views"), ("Число просмотров", "views"),
    ("Число просмотров (ед.)", "views"), ("Просмотры", "views"), ("Просмотров", "views"),
    ("Онлайн-просмотры", "views"), ("Просмотры онлайн", "views"), ("Кол-во просмотров онлайн", "views"),
    ("Количество просмотров в сети", "views"), ("Просмотры видеозаписи", "views"), ("Онлайн-охват", "views"),
    ("Views", "views"), ("Online views", "views"), ("Number of views", "views"),
    # descriptions and benefits
    ("Описание сотрудничества", "description"), ("Описание", "description"), ("Описание (кратко)", "description"),
    ("Краткое описание", "description"), ("Краткое содержание", "description"), ("Содержание", "description"),
    ("Описание мероприятия", "description"), ("Описание совместной работы", "description"),
    ("Description", "description"), ("Summary", "description"),
    ("Польза для библиотеки", "library_benefit"), ("Польза библиотеке", "library_benefit"),
    ("Результат для библиотеки", "library_benefit"), ("Значение для библиотеки", "library_benefit"),
    ("Benefit for the library", "library_benefit"),
    ("Польза для социума", "society_benefit"), ("Польза для общества", "society_benefit"),
    ("Польза для жителей города", "society_benefit"), ("Польза для населения", "society_benefit"),
    ("Результат для социума", "society_benefit"), ("Benefit for society", "society_benefit"),
    ("Community benefit", "society_benefit"),
    # the register: agreements, contact people, the librarian responsible, websites
    ("Договор", "agreement_kind"), ("Соглашение", "agreement_kind"), ("Договор / соглашение", "agreement_kind"),
    ("Договор (соглашение)", "agreement_kind"), ("Наличие договора", "agreement_kind"),
    ("Наличие договора (соглашения)", "agreement_kind"), ("Вид договора", "agreement_kind"),
    ("Договоры", "agreement_kind"), ("Agreement", "agreement_kind"), ("Agreement type", "agreement_kind"),
    ("№ договора", "agreement_number"), ("Номер договора", "agreement_number"),
    ("№ соглашения", "agreement_number"), ("№ договора (соглашения)", "agreement_number"),
    ("Номер договора/соглашения", "agreement_number"), ("Agreement number", "agreement_number"),
    ("Дата заключения", "agreement_signed"), ("Дата заключения договора", "agreement_signed"),
    ("Дата договора", "agreement_signed"), ("Дата подписания", "agreement_signed"),
    ("Дата заключения соглашения", "agreement_signed"), ("Signed on", "agreement_signed"),
    ("Срок действия", "agreement_until"), ("Срок действия договора", "agreement_until"),
    ("Действует до", "agreement_until"), ("Договор действует до", "agreement_until"),
    ("Дата окончания договора", "agreement_until"), ("Срок действия соглашения (до)", "agreement_until"),
    ("Valid until", "agreement_until"),
    ("Контактное лицо", "contact_name"), ("Контактное лицо (ФИО)", "contact_name"),
    ("ФИО контактного лица", "contact_name"), ("Представитель партнёра", "contact_name"),
    ("Contact person", "contact_name"),
    ("Должность", "contact_position"), ("Должность контактного лица", "contact_position"),
    ("Position", "contact_position"),
    ("Телефон", "contact_phone"), ("Контактный телефон", "contact_phone"), ("Тел.", "contact_phone"),
    ("Телефон контактного лица", "contact_phone"), ("Phone", "contact_phone"),
    ("E-mail", "contact_email"), ("Электронная почта", "contact_email"), ("Эл. почта", "contact_email"),
    ("Email", "contact_email"),
    ("Ответственный", "responsible"), ("Ответственный сотрудник", "responsible"),
    ("Ответственный от библиотеки", "responsible"), ("ФИО ответственного", "responsible"),
    ("Куратор", "responsible"), ("Responsible librarian", "responsible"),
    ("Сайт", "website"), ("Сайт партнёра", "website"), ("Адрес сайта", "website"),
    ("Официальный сайт организации", "website"), ("Website", "website"),
]


def test_the_table_is_large():
    assert len(REAL_HEADINGS) >= 150
    assert len({h for h, _ in REAL_HEADINGS}) == len(REAL_HEADINGS)


@pytest.mark.parametrize(("heading", "field"), REAL_HEADINGS, ids=[h for h, _ in REAL_HEADINGS])
def test_real_heading_names_its_field(heading, field):
    assert match(heading).field == field


# Headings of columns Partnerlib does not read, some close in words to those it does.
NOT_FIELDS = [
    "№", "№ п/п", "Дата рождения", "Количество мероприятий",
    "Число мероприятий", "Фамилия", "Итого",
    "Кол-во книговыдач", "Выдано документов", "Подпись",
]


@pytest.mark.parametrize("heading", NOT_FIELDS)
def test_headings_that_name_no_field(heading):
    assert match(heading).field is None


@pytest.mark.parametrize(("heading", "how"), [
    ("Дата проведения", EXACT), ("ДАТА  ПРОВЕДЕНИЯ:", EXACT), ("Охват, человек", WORDS),
    ("Названия мероприятий", WORDS), ("Attendance (persons)", WORDS),
])
def test_each_match_says_how_it_was_made(heading, how):
    assert match(heading).how == how


def test_a_heading_that_fits_two_fields_is_ambiguous_not_a_guess():
    found = match("Участники / просмотры")
    assert (found.field, found.how) == (None, AMBIGUOUS)
    assert set(found.candidates) == {"participants", "views"}


@pytest.mark.parametrize("heading", [h for h, _ in REAL_HEADINGS[:40]])
def test_word_order_does_not_matter(heading):
    words = headings.fold(heading).split()
    assert match(" ".join(reversed(words))).field == match(heading).field


def test_units_are_ignored_whatever_their_spelling():
    for unit in ("чел.", "человек", "(чел)", ", чел", "(ед.)", "шт.", ", единиц"):
        assert match(f"Количество участников {unit}").field == "participants"
