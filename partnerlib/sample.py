"""The demo workbook: a real library report's partners and examples, with seeded events around them."""

from __future__ import annotations

import datetime as dt
import io
import math
import random
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from partnerlib import safe
from partnerlib.backup import AGREEMENT_RU
from partnerlib.categories import category_label, level_label
from partnerlib.fmt import date as written_day
from partnerlib.model import EVENT_SHEET_FIELDS, PARTNER_SHEET_FIELDS, RU_HEADINGS
from partnerlib.template import EVENT_FIELDS as SAMPLE_EVENT_FIELDS
from partnerlib.xlsx import (
    DATE_FORMAT,
    HEADER_ALIGN,
    HEADER_FILL,
    HEADER_FONT,
    write_workbook,
)

LIBRARY = "Детская библиотека им. А.С. Пушкина"

SAMPLE_FILE = "partnerlib_sample.xlsx"
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "sample_data"
PARTNERS_SHEET = "Партнёры"
PARTNERS_TITLE = "4.1.1. Партнеры библиотеки"
EVENTS_SHEET = "Мероприятия"
SAMPLE_YEARS = range(2018, 2026)

# How a person types the format in the sheet.
FORMAT_RU = {"online": "онлайн", "offline": "очно", "hybrid": "смешанный"}


@dataclass(frozen=True)
class SamplePartner:
    """One partner of the demo register."""

    name: str
    category: str  # taxonomy key
    level: str  # level key
    since: int
    notes: str = ""


@dataclass(frozen=True)
class SampleExample:
    """One example of cooperation from Table 15 of the report (real texts)."""

    partners: tuple[str, ...]
    category: str
    date: dt.date
    title: str
    format: str  # online / offline / hybrid
    platform: str
    participants: int | str | None
    views: int | str | None
    description: str
    library_benefit: str
    society_benefit: str
    audience: str | None = None  # the «Аудитория» cell, as a person writes it


def _p(name: str, category: str, level: str, since: int, notes: str = "") -> SamplePartner:
    return SamplePartner(name, category, level, since, notes)


# Section 4.1.1 of the report, split into single organisations, in the report's order of categories.
SAMPLE_PARTNERS: list[SamplePartner] = [
    _p("Администрация г. Сарова", "authorities", "municipal", 2010),
    _p("Департамент культуры и искусства г. Сарова", "authorities", "municipal", 2010),
    _p("Департамент образования г. Сарова", "authorities", "municipal", 2010),
    _p("Департамент городского хозяйства г. Сарова", "authorities", "municipal", 2015),
    _p("Департамент по делам молодежи и спорта г. Сарова", "authorities", "municipal", 2013),
    _p("Депутаты Городской думы г. Сарова", "authorities", "municipal", 2016),
    _p("Госкорпорация «Росатом»", "institutions", "federal", 2016),
    _p("РФЯЦ-ВНИИЭФ", "institutions", "federal", 2011),
    _p("Российская государственная детская библиотека", "institutions", "federal", 2012),
    _p(
        "Областная детская библиотека им. Горького (г. Новосибирск)", "institutions", "regional", 2019,
        "Конкурс читательских дневников «Книжный шкаф поколения NEXT»",
    ),
    _p(
        "НГОДБ им. Т. Мавриной", "institutions", "regional", 2010,
        "Нижегородская областная детская библиотека",
    ),
    _p(
        "Самарская областная детская библиотека", "institutions", "regional", 2016,
        "Международная акция «Читаем детям о войне»",
    ),
    _p(
        "Государственное учреждение культуры «Светлогорская районная сеть библиотек» (Республика Беларусь)",
        "institutions", "international", 2019,
    ),
    _p(
        "МБУ «Десногорская центральная библиотека» муниципального образования «город Десногорск» "
        "Смоленской области",
        "institutions", "regional", 2018, "Город присутствия Госкорпорации «Росатом»",
    ),
    _p(
        "Библиотеки городов присутствия Государственной корпорации «Росатом»",
        "institutions", "federal", 2017,
        "В том числе детские библиотекари ЗАТО Лесной (акция «Бегущая книга»)",
    ),
    _p("Общеобразовательные школы", "institutions", "municipal", 2010),
    _p("Дошкольные учреждения", "institutions", "municipal", 2010),
    _p("ЧОУ РО «НЕРПЦ (МП)» «Саровская православная гимназия»", "institutions", "municipal", 2012),
    _p("Саровское Благочиние", "institutions", "municipal", 2013),
    _p("Детские школы искусств", "institutions", "municipal", 2011),
    _p("Городской музей", "institutions", "municipal", 2010),
    _p("Центр развития культуры и искусства г. Сарова", "institutions", "municipal", 2014),
    _p("Станция юных техников", "institutions", "municipal", 2015),
    _p("Станция юных натуралистов", "institutions", "municipal", 2012),
    _p("Детско-юношеский центр", "institutions", "municipal", 2014),
    _p("Центр внешкольной работы", "institutions", "municipal", 2017),
    _p(
        "Молодежный центр", "institutions", "municipal", 2020,
        "Подведомственное учреждение Департамента по делам молодежи и спорта",
    ),
    _p("Управление социальной защиты населения г. Сарова", "social_services", "municipal", 2011),
    _p("ГБУ «Центр социальной помощи семье и детям города Сарова»", "social_services", "municipal", 2013),
    _p("ГБУ «ЦСОГПВИИ г. Сарова»", "social_services", "municipal", 2019),
    _p("Центр социального обслуживания населения", "social_services", "municipal", 2018),
    _p("Городское объединение посткроссеров Сарова", "public_organizations", "municipal", 2017),
    _p("Городское объединение художников «Арт-позитив»", "public_organizations", "municipal", 2016),
    _p("Общественная организация «Многодетные семьи Сарова»", "public_organizations", "municipal", 2014),
    _p("Общественная организация ветеранов пограничных войск", "public_organizations", "municipal", 2015),
    _p("Объединение ветеранов микрорайона «Ивушки»", "public_organizations", "municipal", 2012),
    _p(
        "Всероссийское общество инвалидов", "public_organizations", "municipal", 2011,
        "Городская организация",
    ),
    _p("Саровский волонтёрский клуб «Инсайт»", "public_organizations", "municipal", 2020),
    _p("Газета «Православный Саров»", "media", "municipal", 2013),
    _p("Газета «Городской курьер»", "media", "municipal", 2010),
    _p("Канал-16", "media", "municipal", 2014, "Городское телевидение"),
    _p(
        "МУ ПТП телерадиовещания «Говорит Саров»", "media", "municipal", 2012,
        "Городское телевидение и интернет-портал «Говорит Саров»; проект «Книжная полка»",
    ),
    _p("ЗАТО-новости", "media", "municipal", 2018, "Интернет-портал"),
    _p("Журнал «Школьная библиотека: сегодня и завтра»", "media", "regional", 2019, "Межрегиональный журнал"),
    _p(
        "Фонд поддержки гуманитарных и просветительских инициатив «Соработничество»",
        "other", "federal", 2020,
    ),
    _p("Интернет-портал «Викисибириада»", "other", "regional", 2019),
    _p("Издательство «Детская литература»", "other", "federal", 2018),
    _p("Волонтёры", "other", "municipal", 2017, "В том числе волонтёрское объединение «НОКАУТ»"),
    _p("ЛитРес", "other", "federal", 2020, "Электронные сертификаты для акции «Бегущая книга»"),
]

_BY_NAME = {p.name: p for p in SAMPLE_PARTNERS}

_YOUTH = "Департамент по делам молодежи и спорта г. Сарова"
_ROSATOM = "Госкорпорация «Росатом»"

# Table 15 of the report: one most significant example per category, the texts as written.
SAMPLE_EXAMPLES: list[SampleExample] = [
    SampleExample(
        partners=(_YOUTH, "Молодежный центр", "Саровский волонтёрский клуб «Инсайт»"),
        category="authorities",
        date=dt.date(2020, 11, 18),
        title="Антинаркотическая лекция для старшеклассников",
        audience="старшеклассники",
        format="online",
        platform="ZOOM",
        participants=42,
        views=None,
        description=(
            "Социальное сотрудничество.\n"
            "Молодежный центр-учреждение подведомственное Департаменту по делам молодежи и спорта- "
            "выступило в качестве социального партнера библиотеки при организации антинаркотической лекции "
            "для старшеклассников города.\n"
            "Встреча прошла на платформе ZOOM.\n"
            "Лекцию провел руководитель Саровского волонтёрского клуба «Инсайт». Сотрудники библиотеки "
            "предложили старшеклассникам, книги, способные рассказать о проблемах и рисках наркозависимых "
            "людей и предостеречь от опрометчивых поступков."
        ),
        library_benefit=(
            "Новые партнерские связи и новый формат сотрудничества, имеющий перспективу развития.\n"
            "Новый формат проведения мероприятия\n"
            "Реклама библиотечного фонда."
        ),
        society_benefit=(
            "Во время лекции шла речь о вреде психотропных веществ и о том, какие способы борьбы с соблазном "
            "существуют. Участники встречи – школьники Сарова – участвовали в живом диалоге, отвечая на "
            "вопросы лектора.\n"
            "Данное мероприятие, вошедшее в цикл антинаркотических мероприятий, организуемых библиотекой, "
            "направлено на формирование у подростков устойчивого негативного отношения к психотропным и "
            "наркотическим веществам."
        ),
    ),
    SampleExample(
        partners=("Самарская областная детская библиотека",),
        category="institutions",
        date=dt.date(2020, 5, 7),
        title="XI международная акция «Читаем детям о войне»",
        audience="дети и взрослые",
        format="online",
        platform="YouTube, ВКонтакте",
        participants=None,
        views=1240,
        description=(
            "Самарская областная детская библиотека инициировала XI международную акцию "
            "«Читаем детям о войне.\n"
            "Детская библиотека им. А.С. Пушкина уже несколько лет является активным участником этого "
            "крупномасштабного события. И в этом году мы очень активно присоединились к этой акции в "
            "онлайн-формате."
        ),
        library_benefit=(
            "Библиотекари сделали подборку текстов и вместе со своими читателями и друзьями озвучили их, "
            "записав видеоролики.\n"
            "Все ролики были размещены на канале библиотеки в YouTube и в официальной группе библиотеки в ВК."
        ),
        society_benefit=(
            "В юбилейный год победы особенно важна тема сохранения исторической памяти. Выполнить эту задачу "
            "можно с помощью хороших книг о войне.\n"
            "К интернет-акции присоединились дети, взрослые и детские библиотекари.\n"
            "Возрос интерес к прочтению книг военной тематики."
        ),
    ),
    SampleExample(
        partners=(
            "Областная детская библиотека им. Горького (г. Новосибирск)",
            "Интернет-портал «Викисибириада»",
        ),
        category="institutions",
        date=dt.date(2020, 7, 1),
        title="Лаборатория читательского творчества: конкурс «Книжный шкаф поколения NEXT»",
        audience="школьники",
        format="online",
        platform="ВКонтакте",
        participants=None,
        views=640,
        description=(
            "Областная детская библиотека им. Горького (г. Новосибирск), Интернет-портал «Викисибириада» "
            "запустили Межрегиональный конкурс читательских дневников «Книжный шкаф поколения NEXT».\n"
            "Читатели нашей библиотеки уже принимали участие в этом конкурсе. Его поддерживают педагоги и "
            "родители."
        ),
        library_benefit=(
            "Библиотекой в летний период, в помощь участникам конкурса и для всех желающих, была запущена "
            "Лаборатория читательского творчества, целью которой было научить читателей создавать "
            "собственный продукт на основе прочитанного.\n"
            "Работы ребят, выполненные в видеоформате были собраны в библиотеке и демонстрировались в группе "
            "библиотеки в ВК."
        ),
        society_benefit=(
            "Во время участия в конкурсе ребята знакомились с интересными интернет-сервисами, учились "
            "анализировать и визуализировать прочитанный текст.\n"
            "В результате повысился уровень цифровой и читательской грамотности ребят."
        ),
    ),
    SampleExample(
        partners=("Городское объединение художников «Арт-позитив»",),
        category="public_organizations",
        date=dt.date(2020, 11, 3),
        title="Вечер искусств «Арт-позитив – детям Сарова»",
        audience="дети и родители",
        format="online",
        platform="Сайт библиотеки",
        participants=None,
        views="более 350",
        description=(
            "Социальное партнерство\n"
            "Вечер искусств «Арт-позитив – детям Сарова» (в рамках «Ночи искусств-2020») прошел в "
            "онлайн-формате и был подготовлен совместно с городским объединением «Арт-позитив».\n"
            "Художниками были подготовлены серия мастер-классов, а работниками библиотеки "
            "информационно-творческие материалы."
        ),
        library_benefit=(
            "Новый формат сотрудничества, имеющий перспективу развития;\n"
            "Новый формат проведения мероприятия."
        ),
        society_benefit=(
            "Все мастер-классы были представлены на сайте библиотеки и горожане имели возможность посмотреть "
            "их в удобное время.\n"
            "Количество просмотров материалов более 350."
        ),
    ),
    SampleExample(
        partners=("МУ ПТП телерадиовещания «Говорит Саров»",),
        category="media",
        date=dt.date(2020, 10, 22),
        title="Телепроект «Книжная полка»",
        audience="все возрасты",
        format="online",
        platform="Городское ТВ",
        participants=None,
        views=None,
        description=(
            "Проект «Книжная полка» существует на городском телевидении уже несколько лет. Саровчане, "
            "принимающие активное участие в жизни города, рассказывают о своих любимых авторах и "
            "произведениях.\n"
            "Детские библиотекари неоднократно участвовали в данном проекте."
        ),
        library_benefit=(
            "Реклама библиотеки и библиотечного фонда.\n"
            "С участием сотрудников библиотеки было создано 5 передач.Все видеоматериалы собираются на сайте "
            "библиотеки в разделе «ПредпоЧтения библиотекаря»."
        ),
        society_benefit=(
            "Информация о выступлении в проекте обязательно появляется в группе библиотеки Вконтакте. "
            "Горожане получают информация о качественной литературе, которая есть в библиотеке."
        ),
    ),
    SampleExample(
        partners=(
            _ROSATOM,
            "Библиотеки городов присутствия Государственной корпорации «Росатом»",
            "ЛитРес",
            "Волонтёры",
        ),
        category="institutions",
        date=dt.date(2020, 9, 1),
        title="Акция «Бегущая книга»",
        audience="все возрасты",
        format="offline",
        platform="Улица",
        participants=120,
        views=None,
        description=(
            "Проект «Бегущая книга»\n"
            "Инициирован детскими библиотекарями ЗАТО Лесной.\n"
            "Библиотека выступает в роли координатора акции и организатора.\n"
            "Ребята из волонтерского объединения «НОКАУТ» проводят акцию вместе с библиотекарями.\n"
            "Партнером Акции в 2020г. выступила ЛитРес, которая предоставила электронные сертификаты."
        ),
        library_benefit=(
            "Акция нацелена на популяризацию библиотек как инновационного пространства, места для "
            "познавательного досуга и одного из культурных центров на карте города.\n"
            "В 2020г. акция была посвящена Дню знаний и 75-летию атомной промышленности.\n"
            "О своем опыте проведения Акции и привлечению к ней волонтеров сотрудники библиотеки рассказали "
            "на семинаре, который проходил в рамках проекта Межрегиональный методический вебинариум "
            "«Волонтёры культуры в библиотеках».\n"
            "Наша библиотека получила в подарок от организаторов отличные книги."
        ),
        society_benefit=(
            "Главная цель мероприятия - не только популяризация чтения, но и пропаганда здорового образа "
            "жизни.\n"
            "Горожанам необходимо было ответить на вопросы и за правильные ответы они получали книгу в "
            "подарок.\n"
            "В опросе приняли участие люди самого разного возраста."
        ),
    ),
]

# --- The register: agreements and contact people (invented) -----------------------------------------------

# The day the demo's register is read on: the end of its last year. Its reminders (agreements ending within
# 90 days, one ended while joint events go on) are for that day, whatever the day she opens it.
DEMO_DAY = dt.date(SAMPLE_YEARS[-1], 12, 31)

@dataclass(frozen=True)
class SampleRegister:
    """One partner's register: the agreement and the contact person on the partner's side.

    The people, phones and e-mails are invented: phones have the non-existent code 000, e-mails the
    reserved domain example.org.
    """

    kind: str  # model.AGREEMENT_KINDS
    number: str | None = None
    signed: dt.date | None = None
    until: dt.date | None = None  # None: open-ended
    contact: str | None = None
    position: str | None = None
    login: str | None = None  # the e-mail's name at example.org


def _r(kind: str, number: str | None = None, signed: tuple[int, int, int] | None = None,
       until: tuple[int, int, int] | None = None, contact: str | None = None, position: str | None = None,
       login: str | None = None) -> SampleRegister:
    day = lambda t: dt.date(*t) if t else None  # noqa: E731
    return SampleRegister(kind, number, day(signed), day(until), contact, position, login)


SAMPLE_REGISTER: dict[str, SampleRegister] = {
    "Департамент образования г. Сарова": _r(
        "agreement", "1-С", (2018, 1, 15), None, "Кузнецова Т. В.", "главный специалист", "obrazovanie"),
    "Российская государственная детская библиотека": _r(
        "agreement", "47", (2012, 5, 21), None, "Белова Н. А.", "методист", "rgdb.partner"),
    "НГОДБ им. Т. Мавриной": _r(
        "agreement", "12/16", (2016, 3, 1), (2026, 12, 31), "Гусева Е. Ю.", "методист", "ngodb.partner"),
    "Самарская областная детская библиотека": _r(
        "agreement", "5", (2019, 4, 1), (2027, 3, 31), "Фролова А. С.", "библиотекарь", "sodb.partner"),
    "Государственное учреждение культуры «Светлогорская районная сеть библиотек» (Республика Беларусь)": _r(
        "agreement", "2019/3", (2019, 10, 10), (2029, 10, 9), "Ковалёва И. М.", "библиотекарь", "svetlogorsk"),
    "МБУ «Десногорская центральная библиотека» муниципального образования «город Десногорск» "
    "Смоленской области": _r(
        "agreement", "8", (2018, 11, 1), None, "Орлова В. П.", "библиотекарь", "desnogorsk"),
    "Общеобразовательные школы": _r(
        "contract", "3", (2019, 9, 2), (2027, 8, 31), "Соколова М. Д.", "педагог-организатор", "school"),
    # Ends within 90 days of the demo's day.
    "Дошкольные учреждения": _r(
        "contract", "14", (2021, 2, 1), (2026, 1, 31), "Павлова О. Г.", "старший воспитатель", "detsad"),
    "ЧОУ РО «НЕРПЦ (МП)» «Саровская православная гимназия»": _r(
        "contract", "27", (2022, 9, 1), (2027, 8, 31), "Никитина Л. Ф.", "библиотекарь", "gimnazia"),
    # Ends within 90 days of the demo's day.
    "Детские школы искусств": _r(
        "contract", "9/2021", (2021, 3, 15), (2026, 3, 14), "Зайцева Ю. Р.", "заместитель директора", "dshi"),
    "Городской музей": _r(
        "contract", "5", (2020, 1, 20), (2026, 6, 30), "Тихонов А. Е.", "научный сотрудник", "muzey"),
    # Ended in May 2025 while the joint events went on.
    "Центр развития культуры и искусства г. Сарова": _r(
        "contract", "16", (2020, 6, 1), (2025, 5, 31), "Борисова К. А.", "методист", "crki"),
    "Станция юных техников": _r(
        "contract", "11", (2019, 9, 2), (2027, 9, 1), "Ершов П. Н.", "педагог", "sut"),
    # Ends within 90 days of the demo's day.
    "Станция юных натуралистов": _r(
        "agreement", "2", (2023, 3, 1), (2026, 2, 28), "Воробьёв Д. С.", "педагог", "sun"),
    "Молодежный центр": _r(
        "agreement", "4", (2020, 10, 1), (2026, 9, 30), "Мельникова Д. И.", "специалист", "molodezh"),
    "Управление социальной защиты населения г. Сарова": _r(
        "agreement", "7", (2015, 2, 16), None, "Андреева Г. П.", "специалист", "uszn"),
    "ГБУ «Центр социальной помощи семье и детям города Сарова»": _r(
        "contract", "11", (2022, 1, 10), (2026, 12, 31), "Егорова С. В.", "специалист по социальной работе",
        "semya"),
    "Всероссийское общество инвалидов": _r(
        "contract", "2", (2023, 2, 1), (2028, 1, 31), "Семёнов В. И.", "секретарь", "voi"),
    "МУ ПТП телерадиовещания «Говорит Саров»": _r(
        "contract", "31", (2021, 1, 11), (2026, 12, 31), "Киселёва А. В.", "редактор", "tv"),
    "Издательство «Детская литература»": _r(
        "contract", "18", (2022, 4, 1), (2026, 12, 31), "Медведева Е. А.", "менеджер", "detlit.partner"),
    "Волонтёры": _r("none", contact="Лукин Н. О.", position="координатор волонтёров", login="volontery"),
    "Газета «Городской курьер»": _r("none", contact="Полякова И. С.", position="корреспондент", login="kurier"),
    "Городское объединение посткроссеров Сарова": _r("none"),
}
# The librarians responsible for the partners of each category (invented).
_RESPONSIBLE = {
    "authorities": "Смирнова Е. В.", "institutions": "Крылова А. Д.", "social_services": "Романова Н. С.",
    "public_organizations": "Романова Н. С.", "media": "Смирнова Е. В.", "other": "Крылова А. Д.",
}
# The websites of a few partners.
_WEBSITES = {
    "Российская государственная детская библиотека": "rgdb.ru",
    "Издательство «Детская литература»": "detlit.ru",
    "ЛитРес": "litres.ru",
    "Госкорпорация «Росатом»": "rosatom.ru",
}


def _register_cells(p: SamplePartner, i: int) -> dict[str, object]:
    """The register's cells of the `i`-th partner, as a person fills them in."""
    r = SAMPLE_REGISTER.get(p.name)
    if r is None:
        return {"website": _WEBSITES.get(p.name)}
    return {
        "agreement_kind": AGREEMENT_RU[r.kind],
        "agreement_number": r.number,
        "agreement_signed": r.signed,
        "agreement_until": r.until,
        "contact_name": r.contact,
        "contact_position": r.position,
        "contact_phone": f"8 (000) 555-01-{i:02d}" if r.contact else None,
        "contact_email": f"{r.login}@example.org" if r.login else None,
        "responsible": _RESPONSIBLE[p.category] if r.kind != "none" else None,
        "website": _WEBSITES.get(p.name),
    }


# --- Ingredients of the generated events -------------------------------------------------------------------

# How often a partner leads a joint event (default 1). Newspapers and the magazine write about events
# rather than hold them, so they appear only as a second partner.
_LEAD_WEIGHT = {
    "Администрация г. Сарова": 1.0,
    "Департамент культуры и искусства г. Сарова": 3.0,
    "Департамент образования г. Сарова": 2.0,
    "Департамент городского хозяйства г. Сарова": 0.5,
    _YOUTH: 2.0,
    "Госкорпорация «Росатом»": 2.0,
    "РФЯЦ-ВНИИЭФ": 2.0,
    "Российская государственная детская библиотека": 2.0,
    "НГОДБ им. Т. Мавриной": 2.0,
    "Библиотеки городов присутствия Государственной корпорации «Росатом»": 2.0,
    "Общеобразовательные школы": 12.0,
    "Дошкольные учреждения": 8.0,
    "ЧОУ РО «НЕРПЦ (МП)» «Саровская православная гимназия»": 3.0,
    "Детские школы искусств": 3.0,
    "Городской музей": 4.0,
    "Центр развития культуры и искусства г. Сарова": 3.0,
    "Станция юных натуралистов": 3.0,
    "Детско-юношеский центр": 3.0,
    "Молодежный центр": 3.0,
    "Управление социальной защиты населения г. Сарова": 2.0,
    "ГБУ «Центр социальной помощи семье и детям города Сарова»": 3.0,
    "Городское объединение художников «Арт-позитив»": 2.0,
    "Общественная организация «Многодетные семьи Сарова»": 2.0,
    "Газета «Православный Саров»": 0.0,
    "Газета «Городской курьер»": 0.0,
    "ЗАТО-новости": 0.0,
    "Журнал «Школьная библиотека: сегодня и завтра»": 0.0,
    "МУ ПТП телерадиовещания «Говорит Саров»": 1.5,
    "Издательство «Детская литература»": 1.5,
    "Волонтёры": 2.0,
}

_TV = {"Канал-16", "МУ ПТП телерадиовещания «Говорит Саров»"}

_FORMS = {
    "offline": [
        "Громкие чтения", "Мастер-класс", "Литературная гостиная", "Квест", "Встреча с писателем",
        "Литературный час", "Экскурсия", "Игровая программа", "Конкурс чтецов", "Книжная выставка",
        "Беседа", "Театрализованное представление", "Час истории",
    ],
    "online": [
        "Онлайн-викторина", "Онлайн-чтения", "Видеообзор книг", "Мастер-класс", "Лекция",
        "Литературная гостиная", "Встреча с писателем", "Буктрейлер", "Виртуальная выставка", "Онлайн-квест",
    ],
    "hybrid": [
        "Литературная гостиная", "Встреча с писателем", "Лекция", "Мастер-класс", "Конкурс чтецов",
        "Громкие чтения", "Презентация книги",
    ],
}

_ANY = frozenset(range(1, 13))

# Topics and the months they fit.
_TOPICS: list[tuple[str, frozenset[int]]] = [
    ("Рождественские встречи", frozenset({1, 12})),
    ("Зимние сказки", frozenset({1, 2, 12})),
    ("Защитники Отечества", frozenset({2})),
    ("Безопасный интернет", frozenset({2, 10})),
    ("Неделя детской книги", frozenset({3, 4})),
    ("Весна идёт — весне дорогу!", frozenset({3, 4})),
    ("Дорога к звёздам", frozenset({4})),
    ("Память сильнее времени", frozenset({5, 6})),
    ("Пушкинский день России", frozenset({6})),
    ("Лето с книгой", frozenset({6, 7, 8})),
    ("Семья, любовь и верность", frozenset({7})),
    ("Снова в школу", frozenset({8, 9})),
    ("Осенний листопад", frozenset({9, 10, 11})),
    ("Мы разные, но мы вместе", frozenset({11})),
    ("Мамы всякие нужны", frozenset({11})),
    ("Новогодний калейдоскоп", frozenset({12})),
    ("Сказки А.С. Пушкина", _ANY),
    ("Мой город Саров", _ANY),
    ("Атомные города России", _ANY),
    ("Азбука безопасности", _ANY),
    ("Мир природы", _ANY),
    ("Книги-юбиляры", _ANY),
    ("Путешествие в страну Читалию", _ANY),
    ("Здоровым быть здорово", _ANY),
    ("Читающая семья", _ANY),
    ("Наука вокруг нас", _ANY),
]

# Topics that belong to one partner (used for most of its events when the month fits).
_PARTNER_TOPICS: dict[str, list[tuple[str, frozenset[int]]]] = {
    "Городское объединение посткроссеров Сарова": [
        ("Открытка с историей", _ANY), ("Посткроссинг: письма без границ", _ANY),
    ],
    "Общественная организация ветеранов пограничных войск": [
        ("На страже границы", _ANY), ("Защитники Отечества", frozenset({2})),
    ],
    "Объединение ветеранов микрорайона «Ивушки»": [("Память сильнее времени", frozenset({4, 5, 6}))],
    "Саровское Благочиние": [
        ("Рождественские встречи", frozenset({1, 12})),
        ("Преподобный Серафим Саровский", frozenset({1, 7, 8})),
        ("День православной книги", frozenset({3})),
    ],
    "ЧОУ РО «НЕРПЦ (МП)» «Саровская православная гимназия»": [
        ("Преподобный Серафим Саровский", _ANY), ("День православной книги", frozenset({3})),
    ],
    "Станция юных натуралистов": [("Экология и мы", _ANY), ("Мир природы", _ANY)],
    "Станция юных техников": [("Наука вокруг нас", _ANY), ("Дорога к звёздам", frozenset({3, 4, 5}))],
    "Городской музей": [("Мой город Саров", _ANY), ("История Сарова в лицах", _ANY)],
    "Госкорпорация «Росатом»": [("Атомные города России", _ANY)],
    "РФЯЦ-ВНИИЭФ": [("Наука вокруг нас", _ANY), ("Атомные города России", _ANY)],
    "Общественная организация «Многодетные семьи Сарова»": [("Читающая семья", _ANY)],
    "ГБУ «Центр социальной помощи семье и детям города Сарова»": [("Читающая семья", _ANY)],
    "Всероссийское общество инвалидов": [("Мы разные, но мы вместе", _ANY)],
    "Городское объединение художников «Арт-позитив»": [("Рисуем книжных героев", _ANY)],
    "Издательство «Детская литература»": [("Новинки издательства «Детская литература»", _ANY)],
    "Департамент по делам молодежи и спорта г. Сарова": [("Здоровым быть здорово", _ANY)],
    "Молодежный центр": [("Здоровым быть здорово", _ANY), ("Выбор за тобой", _ANY)],
}

# Who an event was for: as a description says it (genitive) and as the «Аудитория» cell says it. «Читатели
# библиотеки» names no group of form 6-НК, so that cell is left blank: the event is «не указано».
_AUDIENCES = [
    ("учащихся начальной школы", "учащиеся 1–4 классов"), ("старшеклассников", "старшеклассники"),
    ("дошкольников", "дошкольники"), ("семей с детьми", "семьи с детьми"), ("подростков", "подростки"),
    ("читателей библиотеки", None), ("жителей города", "все возрасты"),
]
# The audience cells of an event no description speaks of: by its lead partner, else a children's library's own.
_PARTNER_AUDIENCES: dict[str, list[str]] = {
    "Дошкольные учреждения": ["дошкольники", "дети 5–7 лет"],
    "Общеобразовательные школы": ["учащиеся 1–4 классов", "учащиеся 5–8 классов", "школьники", "старшеклассники"],
    "ЧОУ РО «НЕРПЦ (МП)» «Саровская православная гимназия»": ["школьники", "учащиеся 5–8 классов"],
    "Станция юных техников": ["школьники", "дети 7–12 лет"],
    "Станция юных натуралистов": ["школьники", "дети 7–12 лет"],
    "Детско-юношеский центр": ["подростки", "школьники"],
    "Центр внешкольной работы": ["школьники", "подростки"],
    _YOUTH: ["молодёжь 15–30 лет", "старшеклассники"],
    "Молодежный центр": ["молодёжь 15–30 лет", "подростки", "студенты"],
    "Госкорпорация «Росатом»": ["старшеклассники", "школьники"],
    "РФЯЦ-ВНИИЭФ": ["старшеклассники", "подростки"],
    "Управление социальной защиты населения г. Сарова": ["пенсионеры", "семьи с детьми"],
    "ГБУ «Центр социальной помощи семье и детям города Сарова»": ["семьи с детьми", "дети до 14 лет"],
    "ГБУ «ЦСОГПВИИ г. Сарова»": ["пенсионеры", "взрослые"],
    "Центр социального обслуживания населения": ["пенсионеры"],
    "Общественная организация «Многодетные семьи Сарова»": ["семьи с детьми", "семейная аудитория"],
    "Общественная организация ветеранов пограничных войск": ["ветераны и школьники", "подростки"],
    "Объединение ветеранов микрорайона «Ивушки»": ["ветераны и школьники", "пенсионеры"],
    "Всероссийское общество инвалидов": ["взрослые", "дети и взрослые"],
    "Саровское Благочиние": ["семейная аудитория", "все возрасты"],
    "Канал-16": ["все возрасты"],
    "МУ ПТП телерадиовещания «Говорит Саров»": ["все возрасты"],
}
_LIBRARY_AUDIENCES = (["дети до 14 лет", "дети 7–12 лет", "школьники", "дошкольники", "подростки",
                       "семейная аудитория", "все возрасты"], [4, 3, 3, 1, 1, 2, 1])
_LIBRARY_BENEFITS = [
    "Привлечение новых читателей.", "Реклама библиотечного фонда.", "Новый формат проведения мероприятия.",
    "Расширение партнёрских связей.", "Рост числа посещений и просмотров.",
]
_SOCIETY_BENEFITS = [
    "Популяризация чтения среди детей и подростков.", "Организация содержательного семейного досуга.",
    "Сохранение исторической памяти.", "Воспитание бережного отношения к природе.",
    "Развитие цифровой и читательской грамотности.", "Знакомство с историей родного города.",
]

# Events per year (before a small random jitter) and the share of online and hybrid events.
_EVENTS_PER_YEAR = {2018: 64, 2019: 72, 2020: 83, 2021: 94, 2022: 106, 2023: 118, 2024: 131, 2025: 144}
_SHARES = {  # year -> (online, hybrid)
    2018: (0.03, 0.0), 2019: (0.06, 0.0), 2020: (0.78, 0.0), 2021: (0.45, 0.15),
    2022: (0.30, 0.17), 2023: (0.26, 0.20), 2024: (0.24, 0.22), 2025: (0.22, 0.22),
}
_MONTH_WEIGHTS = [0.6, 1.0, 1.1, 1.1, 1.0, 1.1, 0.7, 0.6, 1.0, 1.1, 1.1, 1.0]


def _shares(year: int) -> tuple[float, float]:
    if year in _SHARES:
        return _SHARES[year]
    return _SHARES[min(_SHARES)] if year < min(_SHARES) else _SHARES[max(_SHARES)]


def _online_platforms(year: int) -> tuple[list[str], list[float]]:
    if year < 2020:
        return ["ВКонтакте", "Сайт библиотеки", "YouTube"], [0.6, 0.25, 0.15]
    names = ["ZOOM", "YouTube", "ВКонтакте", "Сайт библиотеки", "Городское ТВ"]
    if year == 2020:
        return names, [0.25, 0.2, 0.4, 0.1, 0.05]
    if year == 2021:
        return names, [0.2, 0.15, 0.5, 0.1, 0.05]
    return [*names, "Telegram"], [0.1, 0.08, 0.55, 0.1, 0.05, 0.12]


_OFFLINE_PLATFORMS = (
    ["Библиотека", "Школа", "Детский сад", "Площадка партнёра", "Улица"],
    [55, 12, 8, 17, 8],
)
_HYBRID_PLATFORMS = ["Библиотека + ВКонтакте", "Библиотека + ZOOM"]


def _lognormal(rng: random.Random, median: float, sigma: float, low: int, high: int) -> int:
    return max(low, min(high, round(rng.lognormvariate(math.log(median), sigma))))


def _date_in_year(rng: random.Random, year: int, fmt: str) -> dt.date:
    """A date for an event; 2020 keeps the offline events before the lockdown or in late summer."""
    if year == 2020:
        before = (dt.date(2020, 1, 13), dt.date(2020, 3, 20))
        if fmt == "offline":
            window = [before, (dt.date(2020, 8, 15), dt.date(2020, 10, 10))]
        elif rng.random() < 0.04:
            window = [before]
        else:
            window = [(dt.date(2020, 3, 23), dt.date(2020, 12, 28))]
        start, end = rng.choice(window)
        return start + dt.timedelta(days=rng.randrange((end - start).days + 1))
    month = rng.choices(range(1, 13), weights=_MONTH_WEIGHTS)[0]
    first = dt.date(year, month, 1)
    days = ((first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - first).days
    return dt.date(year, month, rng.randrange(1, days + 1))


def _pick_partners(rng: random.Random, year: int, fmt: str) -> list[str]:
    """The partners of one event: a lead partner, sometimes a second (often the media) or a third.

    The city TV makes programmes (online), it leads no event held in the library.
    """
    active = [p for p in SAMPLE_PARTNERS if p.since <= year]
    weights = [0.0 if fmt != "online" and p.name in _TV else _LEAD_WEIGHT.get(p.name, 1.0) for p in active]
    lead = rng.choices(active, weights=weights)[0]
    names = [lead.name]
    extra = rng.random()
    n_more = 2 if extra < 0.04 else 1 if extra < 0.25 else 0
    for _ in range(n_more):
        media = [p for p in active if p.category == "media"]
        pool = media if rng.random() < 0.5 else active
        other = rng.choice(pool).name
        if other not in names:
            names.append(other)
    return names


def _platform(rng: random.Random, year: int, fmt: str, lead: str) -> str:
    if fmt == "online":
        if lead in _TV:
            return "Городское ТВ"
        names, weights = _online_platforms(year)
        return rng.choices(names, weights=weights)[0]
    if fmt == "hybrid":
        return _HYBRID_PLATFORMS[0] if year > 2021 or rng.random() < 0.6 else _HYBRID_PLATFORMS[1]
    if lead == "Общеобразовательные школы" and rng.random() < 0.5:
        return "Школа"
    if lead == "Дошкольные учреждения" and rng.random() < 0.5:
        return "Детский сад"
    return rng.choices(*_OFFLINE_PLATFORMS)[0]


def _title(rng: random.Random, fmt: str, lead: str, month: int, platform: str) -> str:
    if lead in _TV and fmt == "online":
        topic = rng.choice([t for t, months in _TOPICS if month in months])
        return f"Телепередача «Книжная полка»: {topic}"
    forms = _FORMS[fmt]
    if platform == "ZOOM":
        forms = ["Лекция", "Встреча с писателем", "Литературная гостиная", "Онлайн-викторина"]
    if platform == "Улица":
        forms = ["Акция", "Квест", "Игровая программа", "Книжная выставка"]
    own = [t for t, months in _PARTNER_TOPICS.get(lead, []) if month in months]
    if own and rng.random() < 0.7:
        topic = rng.choice(own)
    else:
        topic = rng.choice([t for t, months in _TOPICS if month in months])
    return f"{rng.choice(forms)} «{topic}»"


def _counts(rng: random.Random, year: int, fmt: str, platform: str) -> tuple[int | None, int | None]:
    """Participants (people present) and views (online), each sometimes left blank."""
    growth = 1 + 0.08 * max(0, year - 2018)
    participants = views = None
    if fmt == "offline":
        street = platform == "Улица"  # street actions meet more people
        median, sigma, low, high = (120, 0.5, 40, 400) if street else (35, 0.55, 10, 200)
        participants = _lognormal(rng, median, sigma, low, high)
        if rng.random() < 0.12:
            views = _lognormal(rng, 150 * growth, 0.6, 50, 1500)
        if rng.random() < 0.04:
            participants = None
    elif fmt == "hybrid":
        participants = _lognormal(rng, 30, 0.5, 10, 150)
        views = _lognormal(rng, 250 * growth, 0.7, 50, 2500)
        if rng.random() < 0.05:
            views = None
    else:
        if platform == "ZOOM":
            participants = _lognormal(rng, 30, 0.45, 12, 90)
            if rng.random() < 0.3:
                views = _lognormal(rng, 120 * growth, 0.6, 50, 600)
        else:
            views = _lognormal(rng, 320 * growth, 0.8, 50, 3000)
            if rng.random() < 0.05:
                views = None
    return participants, views


def _texts(
    rng: random.Random, category: str, lead: str, title: str, year: int
) -> tuple[str | None, str | None, str | None, tuple[str, str | None] | None]:
    """The description and benefits, and who the description says the event was for (words, cell)."""
    description = library_benefit = society_benefit = told = None
    if rng.random() < 0.25:
        told = rng.choice(_AUDIENCES)
        audience = told[0]
        description = rng.choice([
            f"Мероприятие для {audience} подготовлено совместно с партнёром: {lead}.",
            f"{title.split(' «')[0]} для {audience}. Партнёр: {lead}.",
            f"Проведено по плану совместной работы с партнёром ({lead}) для {audience}.",
        ])
        # In 2020 the report's own examples are the year's fully described events, so that the
        # "most significant example" of each category is the seed's Table 15 row.
        if rng.random() < 0.6 and year != 2020:
            library_benefit = rng.choice(_LIBRARY_BENEFITS)
            if category == "social_services":
                society_benefit = "Поддержка детей и семей, находящихся в трудной жизненной ситуации."
            else:
                society_benefit = rng.choice(_SOCIETY_BENEFITS)
    return description, library_benefit, society_benefit, told


@dataclass
class _Event:
    date: dt.date
    title: str
    partners: list[str]
    category: str | None  # taxonomy key, None for a blank cell
    format: str | None  # online / offline / hybrid, None for a blank cell
    platform: str | None
    participants: int | str | None
    views: int | str | None
    description: str | None = None
    library_benefit: str | None = None
    society_benefit: str | None = None
    example: bool = False
    audience: str | None = None  # the «Аудитория» cell
    told: bool = False  # the description says who the event was for: the cell follows it
    place: str | None = None  # where it was held, when the format cell says so (model.PLACES)


def _year_events(rng: random.Random, year: int) -> list[_Event]:
    n = max(60, min(150, _EVENTS_PER_YEAR.get(year, 100) + rng.randint(-3, 3)))
    examples = [e for e in SAMPLE_EXAMPLES if e.date.year == year]
    online_share, hybrid_share = _shares(year)
    n_online = round(n * online_share) - sum(e.format == "online" for e in examples)
    n_hybrid = round(n * hybrid_share) - sum(e.format == "hybrid" for e in examples)
    n_gen = n - len(examples)
    n_online, n_hybrid = max(0, n_online), max(0, n_hybrid)
    formats = ["online"] * n_online + ["hybrid"] * n_hybrid
    formats += ["offline"] * max(0, n_gen - len(formats))
    formats = formats[:n_gen]
    rng.shuffle(formats)
    events = [
        _Event(
            date=e.date, title=e.title, partners=list(e.partners), category=e.category, format=e.format,
            platform=e.platform, participants=e.participants, views=e.views, description=e.description,
            library_benefit=e.library_benefit, society_benefit=e.society_benefit, example=True,
            audience=e.audience, told=True,
        )
        for e in examples
    ]
    for fmt in formats:
        date = _date_in_year(rng, year, fmt)
        partners = _pick_partners(rng, year, fmt)
        lead = partners[0]
        category = _BY_NAME[lead].category
        platform = _platform(rng, year, fmt, lead)
        title = _title(rng, fmt, lead, date.month, platform)
        participants, views = _counts(rng, year, fmt, platform)
        description, library_benefit, society_benefit, told = _texts(rng, category, lead, title, year)
        events.append(_Event(
            date, title, partners, category, fmt, platform, participants, views,
            description, library_benefit, society_benefit,
            audience=told[1] if told else None, told=told is not None,
        ))
    events.sort(key=lambda e: (e.date, e.title))
    return events


def _mess_up(rng: random.Random, events: list[_Event]) -> None:
    """A few cells as people really type them: counts as text, blank formats and categories."""
    generated = [e for e in events if not e.example]

    def pick(pred, k: int) -> list[_Event]:
        pool = [e for e in generated if pred(e)]
        return rng.sample(pool, min(k, len(pool)))

    for e in pick(lambda e: e.date.year in (2019, 2022) and e.format == "offline" and e.participants, 2):
        e.participants = "около 60"
    for e in pick(lambda e: e.date.year == 2021 and e.format == "online" and e.views, 1):
        e.views = "1 200"
    for e in pick(lambda e: e.date.year == 2024 and e.platform == "Улица", 1):
        e.participants = "1 200"
    for e in pick(lambda e: e.date.year == 2023 and e.format == "hybrid" and e.views, 1):
        e.views = "350+"
    for e in pick(lambda e: e.date.year in (2020, 2021, 2022) and e.platform in ("ZOOM", "YouTube"), 5):
        e.format = None
    for e in pick(lambda e: True, max(1, len(generated) // 18)):
        e.category = None


# Where an event was held, as form 6-НК counts it, written in the format cell as people write it there.
_PLACE_WORDS = {"outside": "выездное", "remote": "дистанционно", "inside": "в стационаре"}
# Offline events held away from the library: at the partner's school or kindergarten, in the street.
_AWAY = frozenset({"Школа", "Детский сад", "Улица"})


def _audiences_and_places(rng: random.Random, events: list[_Event]) -> None:
    """Who each event was for (the «Аудитория» cell; a few left blank) and, for some, where it was held.

    Drawn after every other value, so that the audiences and places change none of them.
    """
    for e in events:
        if not e.told:
            own = _PARTNER_AUDIENCES.get(e.partners[0])
            if rng.random() < 0.03:
                e.audience = None
            elif own and rng.random() < 0.8:
                e.audience = rng.choice(own)
            else:
                e.audience = rng.choices(*_LIBRARY_AUDIENCES)[0]
        if e.example or e.format is None:
            continue
        if e.format == "offline" and e.platform in _AWAY:
            e.place = "outside" if rng.random() < 0.75 else None
        elif e.format == "online":
            e.place = "remote" if rng.random() < 0.2 else None
        elif e.format == "offline" and e.platform == "Библиотека":
            e.place = "inside" if rng.random() < 0.1 else None


def _format_cell(e: _Event) -> str | None:
    if e.place is not None:
        return _PLACE_WORDS[e.place]
    return FORMAT_RU[e.format] if e.format else None


def _partners_frame() -> pd.DataFrame:
    rows = [
        {
            "partner": p.name,
            "category": category_label(p.category, "ru"),
            "level": level_label(p.level, "ru"),
            "since": p.since,
            "library": LIBRARY,
            "notes": p.notes or None,
            **_register_cells(p, i),
        }
        for i, p in enumerate(SAMPLE_PARTNERS, start=1)
    ]
    frame = pd.DataFrame(rows, columns=PARTNER_SHEET_FIELDS, dtype=object)
    frame["since"] = frame["since"].astype("int64")
    return frame


def generate_sample(seed: int = 2018) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The demo workbook as (partners sheet, events sheet), values typed as a person types them in Excel.

    Columns are the canonical names of `model.PARTNER_SHEET_FIELDS` (the register's agreements and contacts
    included) and of `template.EVENT_FIELDS` (the model's sheet fields with the audience); categories,
    levels, formats, places, audiences and agreement kinds are Russian words, dates are `datetime.date`,
    counts are ints or (a few) texts such as "более 350". The same seed always gives the same frames.
    """
    rng = random.Random(seed)
    events: list[_Event] = []
    for year in SAMPLE_YEARS:
        events.extend(_year_events(rng, year))
    _mess_up(rng, events)
    _audiences_and_places(rng, events)
    rows = [
        {
            "date": e.date,
            "title": e.title,
            "partners": "; ".join(e.partners),
            "category": category_label(e.category, "ru") if e.category else None,
            "format": _format_cell(e),
            "platform": e.platform,
            "audience": e.audience,
            "participants": e.participants,
            "views": e.views,
            "description": e.description,
            "library_benefit": e.library_benefit,
            "society_benefit": e.society_benefit,
            "library": LIBRARY,
        }
        for e in events
    ]
    frame = pd.DataFrame(rows, columns=SAMPLE_EVENT_FIELDS, dtype=object)
    return _partners_frame(), frame


# --- Writing the demo workbook -----------------------------------------------------------------------------

_PARTNER_WIDTHS = {"partner": 62, "category": 28, "level": 16, "since": 12, "library": 36, "notes": 50,
                   "agreement_kind": 14, "agreement_number": 14, "agreement_signed": 14, "agreement_until": 14,
                   "contact_name": 28, "contact_position": 24, "contact_phone": 18, "contact_email": 24,
                   "responsible": 24, "website": 24}
_EVENT_WIDTHS = {
    "date": 13, "title": 50, "partners": 48, "category": 26, "format": 14, "platform": 22, "audience": 22,
    "participants": 14, "views": 14, "description": 70, "library_benefit": 50, "society_benefit": 50,
    "library": 36,
}
_WRAP = Alignment(wrap_text=True, vertical="top")
_FIXED_TIME = dt.datetime(2018, 1, 1)
_CORE_TIMES = re.compile(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)")


def _put(ws, row: int, col: int, value) -> None:
    """Write one value: text stays text, dates become Excel dates, numbers stay numbers."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = safe.spreadsheet(value)
        cell.data_type = "s"  # never a formula, whatever the text begins with
        if safe.formula_like(value):
            cell.quotePrefix = True
    elif isinstance(value, (dt.date, dt.datetime)):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif hasattr(value, "item"):
        cell.value = value.item()
    else:
        cell.value = value


def _header(ws, row: int, fields: Sequence[str], widths: dict[str, int]) -> None:
    for col, field in enumerate(fields, start=1):
        _put(ws, row, col, RU_HEADINGS[field])
        cell = ws.cell(row=row, column=col)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGN
        ws.column_dimensions[cell.column_letter].width = widths[field]


def _stable_zip(data: bytes) -> bytes:
    """The same workbook with fixed timestamps, so regenerating the sample gives identical bytes."""
    stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = content.decode("utf-8")
                text = _CORE_TIMES.sub(rf"\g<1>{stamp}\g<3>", text)
                content = text.encode("utf-8")
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME.timetuple()[:6]), content,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def sample_workbook_bytes(seed: int = 2018) -> bytes:
    """The demo workbook (the layout of `write_sample`) as xlsx bytes."""
    partners, events = generate_sample(seed)
    wb = Workbook()
    wb.properties.creator = "Partnerlib"
    wb.properties.title = "Partnerlib: пример данных"
    wb.properties.created = _FIXED_TIME
    ws = wb.active
    ws.title = PARTNERS_SHEET
    _put(ws, 1, 1, PARTNERS_TITLE)
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    _header(ws, 3, PARTNER_SHEET_FIELDS, _PARTNER_WIDTHS)
    ws.freeze_panes = "A4"
    cat_col = PARTNER_SHEET_FIELDS.index("category") + 1
    group_start = 4
    values = partners.to_dict("records")
    for i, rec in enumerate(values):
        row = 4 + i
        for col, field in enumerate(PARTNER_SHEET_FIELDS, start=1):
            if field == "category" and row != group_start:
                continue
            _put(ws, row, col, rec[field])
        ws.cell(row=row, column=1).alignment = _WRAP
        last = i + 1 == len(values) or values[i + 1]["category"] != rec["category"]
        if last:
            if row > group_start:
                ws.merge_cells(start_row=group_start, start_column=cat_col, end_row=row, end_column=cat_col)
            ws.cell(row=group_start, column=cat_col).alignment = _WRAP
            group_start = row + 1

    years = pd.Series([d.year for d in events["date"]], index=events.index)
    wrap_cols = [SAMPLE_EVENT_FIELDS.index(f) + 1 for f in ("title", "description", "library_benefit",
                                                           "society_benefit")]
    for year in SAMPLE_YEARS:
        ws = wb.create_sheet(f"{EVENTS_SHEET} {year}")
        _header(ws, 1, SAMPLE_EVENT_FIELDS, _EVENT_WIDTHS)
        ws.freeze_panes = "A2"
        for i, rec in enumerate(events[years == year].to_dict("records")):
            for col, field in enumerate(SAMPLE_EVENT_FIELDS, start=1):
                _put(ws, 2 + i, col, rec[field])
            for col in wrap_cols:
                ws.cell(row=2 + i, column=col).alignment = _WRAP
    buf = io.BytesIO()
    wb.save(buf)
    return _stable_zip(buf.getvalue())


_README = """\
# Пример данных / Sample data

`partnerlib_sample.xlsx` — демонстрационная книга Excel для Partnerlib. Лист «Партнёры» содержит
настоящий список партнёров Детской библиотеки им. А.С. Пушкина (г. Саров) из раздела 4.1.1 годового
отчёта за 2020 год; листы «Мероприятия 2018» … «Мероприятия 2025» — совместные мероприятия. Шесть
примеров сотрудничества 2020 года (таблица 15 отчёта) приведены с подлинными текстами, остальные
мероприятия созданы генератором со случайным зерном (seed) и выдуманы. Как в настоящих таблицах,
встречаются объединённые ячейки, числа текстом («более 350», «1 200») и пустые ячейки. У мероприятий
указаны аудитория («дошкольники», «молодёжь 15–30 лет», «семьи с детьми»…) и у некоторых место
(«выездное», «дистанционно», «в стационаре») — для строк формы 6-НК. Договоры партнёров (вид, номер,
даты) выдуманы и рассчитаны на {day_ru} года: три заканчиваются в ближайшие 90 дней, один
закончился, а мероприятия продолжаются. Контактные лица, телефоны (код 000) и адреса e-mail
(example.org) выдуманы.

`partnerlib_sample.xlsx` is the demo workbook of Partnerlib: the real partner list of a children's
library report (Sarov, 2020, section 4.1.1), the six real examples of cooperation of its Table 15, and
seeded, made-up events for 2018–2025, with the untidy cells of real sheets, their audiences and some
places (for the lines of form 6-НК), and made-up agreements and contact people (phones with the code
000, e-mails at example.org), dated so that on {day_en} three agreements end within 90 days
and one has ended while the joint events go on.

Пересоздать файл / regenerate it:

    python -m partnerlib sample
"""


def write_sample(directory: str | Path = DEFAULT_DIR) -> Path:
    """Write `partnerlib_sample.xlsx` and a README into `directory`; return the workbook's path."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SAMPLE_FILE
    path.write_bytes(sample_workbook_bytes())
    readme = _README.format(day_ru=written_day(DEMO_DAY, "ru"), day_en=written_day(DEMO_DAY, "en"))
    (folder / "README.md").write_text(readme, encoding="utf-8")
    return path


# --- Large synthetic data for benchmarks and tests -------------------------------------------------------

# Titles by format key (0 online, 1 offline, 2 hybrid), every form with every topic.
_SYN_TITLES = [
    np.array([f"{form} «{topic}»" for form in _FORMS[fmt] for topic, _ in _TOPICS], dtype=object)
    for fmt in ("online", "offline", "hybrid")
]
_SYN_ONLINE = np.array(["ZOOM", "YouTube", "ВКонтакте", "Сайт библиотеки", "Городское ТВ"], dtype=object)
_SYN_OFFLINE = np.array(_OFFLINE_PLATFORMS[0], dtype=object)
_SYN_HYBRID = np.array(_HYBRID_PLATFORMS, dtype=object)
_SYN_MESSY = np.array(["более 350", "1 200", "около 60", "350+"], dtype=object)


def _to_cells(values: np.ndarray, missing: np.ndarray) -> np.ndarray:
    """Integers as Python ints in an object array, None where missing."""
    out = values.astype(np.int64).astype(object)
    out[missing] = None
    return out


def synthetic_events(n_events: int, seed: int = 1, years: Iterable[int] = range(2015, 2026)) -> pd.DataFrame:
    """A large events sheet (the columns of `generate_sample`'s events) for benchmarks and tests.

    Vectorised with `numpy.random.default_rng(seed)`: 100,000 rows take well under a second.
    About 1 % of the counts are texts ("более 350", "1 200") and about 2 % of the formats are blank.
    """
    rng = np.random.default_rng(seed)
    year_list = np.array(sorted(set(years)), dtype=np.int64)
    n = int(n_events)
    if n <= 0 or len(year_list) == 0:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in EVENT_SHEET_FIELDS})
    growth = 1 + 0.1 * (year_list - year_list[0])
    year = rng.choice(year_list, size=n, p=growth / growth.sum())
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    offset = (rng.random(n) * np.where(leap, 366, 365)).astype(np.int64)
    day = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]") + offset
    order = np.argsort(day, kind="stable")
    year, day = year[order], day[order]

    # Formats by year: the move online in 2020, hybrid from 2021.
    online = np.select([year < 2020, year == 2020, year == 2021], [0.05, 0.78, 0.45], 0.25)
    hybrid = np.select([year < 2021, year == 2021], [0.0, 0.15], 0.2)
    u = rng.random(n)
    fmt_key = np.where(u < online, 0, np.where(u < online + hybrid, 2, 1))  # 0 online, 1 offline, 2 hybrid
    fmt = np.array(["онлайн", "очно", "смешанный"], dtype=object)[fmt_key]
    platform = np.where(
        fmt_key == 0,
        _SYN_ONLINE[rng.integers(len(_SYN_ONLINE), size=n)],
        np.where(
            fmt_key == 1,
            _SYN_OFFLINE[rng.integers(len(_SYN_OFFLINE), size=n)],
            _SYN_HYBRID[rng.integers(len(_SYN_HYBRID), size=n)],
        ),
    )
    fmt[rng.random(n) < 0.02] = None

    # Partners: a lead partner active in the event's year, a second one for a fifth of the events.
    names = np.array([p.name for p in SAMPLE_PARTNERS], dtype=object)
    since = np.array([p.since for p in SAMPLE_PARTNERS], dtype=np.int64)
    labels = np.array([category_label(p.category, "ru") for p in SAMPLE_PARTNERS], dtype=object)
    weights = np.array([max(_LEAD_WEIGHT.get(p.name, 1.0), 0.3) for p in SAMPLE_PARTNERS])
    oldest = np.flatnonzero(since <= max(int(year_list[0]), int(since.min())))

    def choose() -> np.ndarray:
        idx = rng.choice(len(names), size=n, p=weights / weights.sum())
        bad = since[idx] > year
        idx[bad] = oldest[rng.integers(len(oldest), size=int(bad.sum()))]
        return idx

    lead = choose()
    second = choose()
    has_second = (rng.random(n) < 0.2) & (second != lead)
    partners = np.array(
        [f"{a}; {b}" if two else a for a, b, two in zip(names[lead], names[second], has_second, strict=True)],
        dtype=object,
    )

    # Counts: participants for offline and hybrid events, views for online and hybrid ones.
    participants = rng.lognormal(math.log(35), 0.6, size=n).clip(5, 400)
    views = rng.lognormal(math.log(300), 0.8, size=n).clip(20, 5000)
    part_cells = _to_cells(participants, ((fmt_key == 0) & (rng.random(n) < 0.8)) | (rng.random(n) < 0.03))
    view_cells = _to_cells(views, ((fmt_key == 1) & (rng.random(n) < 0.9)) | (rng.random(n) < 0.03))
    messy = np.flatnonzero(rng.random(n) < 0.01)
    texts = _SYN_MESSY[rng.integers(len(_SYN_MESSY), size=len(messy))]
    to_views = fmt_key[messy] == 0
    view_cells[messy[to_views]] = texts[to_views]
    part_cells[messy[~to_views]] = texts[~to_views]

    description = np.full(n, None, dtype=object)
    described = rng.random(n) < 0.05
    description[described] = "Совместное мероприятие с партнёром: " + names[lead[described]]

    titles = np.empty(n, dtype=object)
    for key, forms in enumerate(_SYN_TITLES):
        rows = np.flatnonzero(fmt_key == key)
        titles[rows] = forms[rng.integers(len(forms), size=len(rows))]

    frame = pd.DataFrame(
        {
            "date": day.astype(object),
            "title": titles,
            "partners": partners,
            "category": labels[lead],
            "format": fmt,
            "platform": platform,
            "participants": part_cells,
            "views": view_cells,
            "description": description,
            "library_benefit": np.full(n, None, dtype=object),
            "society_benefit": np.full(n, None, dtype=object),
            "library": np.full(n, LIBRARY, dtype=object),
        },
        columns=EVENT_SHEET_FIELDS,
        dtype=object,
    )
    return frame


def synthetic_workbook(n_events: int, seed: int = 1, years: Iterable[int] = range(2015, 2026)) -> bytes:
    """An xlsx of the sample partners ("Партнёры") and `n_events` synthetic events ("Мероприятия")."""
    events = synthetic_events(n_events, seed=seed, years=years)
    return write_workbook(
        {PARTNERS_SHEET: _partners_frame(), EVENTS_SHEET: events},
        headers={
            PARTNERS_SHEET: [RU_HEADINGS[f] for f in PARTNER_SHEET_FIELDS],
            EVENTS_SHEET: [RU_HEADINGS[f] for f in EVENT_SHEET_FIELDS],
        },
    )
