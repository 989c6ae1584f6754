"""Every text of the interface, in Russian (the default) and English."""

from __future__ import annotations

from partnerlib import fmt, model
from partnerlib.categories import category_label, level_label

LANGS = ("ru", "en")
DEFAULT_LANG = "ru"

TEXTS: dict[str, dict[str, str]] = {
    # app and navigation
    "app_title": {"ru": "Partnerlib — социальное партнёрство библиотеки",
                  "en": "Partnerlib — the library's social partnerships"},
    "page_overview": {"ru": "Обзор", "en": "Overview"},
    "page_partners": {"ru": "Партнёры", "en": "Partners"},
    "page_events": {"ru": "Мероприятия", "en": "Events"},
    "page_reach": {"ru": "Охват и просмотры", "en": "Reach and views"},
    "page_data": {"ru": "Данные", "en": "Data"},
    "page_partner": {"ru": "Партнёр", "en": "Partner"},
    "duplicates_title": {"ru": "Возможно, один партнёр под разными названиями",
                         "en": "Possibly one partner under different names"},
    "duplicates_help": {"ru": "Похожие названия в файле и в базе. Если это один партнёр, выберите название, "
                              "которое оставить, и нажмите «Один партнёр»: объединение записывается в историю и "
                              "отменяется там же. «Разные» — больше не предлагать. Без подтверждения ничего "
                              "не объединяется.",
                        "en": "Names alike in the file and the store. If they are one partner, choose the name to "
                              "keep and press «One partner»: the merge is an entry of the history, undone there. "
                              "«Different» stops offering the pair. Nothing is merged unconfirmed."},
    "duplicates_score": {"ru": "сходство {score} %", "en": "{score} % alike"},
    "duplicates_keep": {"ru": "Оставить название", "en": "Name to keep"},
    "duplicates_same": {"ru": "Один партнёр", "en": "One partner"},
    "history_merge": {"ru": "объединение названий партнёра", "en": "partner names merged"},
    "duplicates_different": {"ru": "Разные", "en": "Different"},
    "duplicates_merged": {"ru": "Названия объединены (запись № {id} в истории; её можно отменить).",
                          "en": "The names are merged (history entry № {id}; it can be undone)."},
    "partner_choose": {"ru": "Партнёр (поиск по любому из названий)", "en": "Partner (search by any of its names)"},
    "partner_none": {"ru": "Для выбранных фильтров нет партнёров.", "en": "No partners match the filters."},
    "partner_since": {"ru": "партнёр с {year} года (по реестру)", "en": "a partner since {year} (the register)"},
    "partner_since_card": {"ru": "Партнёр с", "en": "Partner since"},
    "partner_span_card": {"ru": "Совместные мероприятия", "en": "Joint events"},
    "partner_events_line": {"ru": "Совместные мероприятия {span}: {events}; участников — {participants}, "
                                  "просмотров — {views}",
                            "en": "Joint events {span}: {events}; participants: {participants}, views: {views}"},
    "partner_also": {"ru": "Другие написания: {names}", "en": "Other spellings: {names}"},
    "partner_categories": {"ru": "Категории: {categories}", "en": "Categories: {categories}"},
    "partner_years": {"ru": "По годам", "en": "By year"},
    "partner_events": {"ru": "Мероприятия с партнёром", "en": "Events with the partner"},
    "partner_chart_formats": {"ru": "Мероприятия по годам и формам проведения", "en": "Events by year and format"},
    "download_partner_slide": {"ru": "Слайд о партнёре (pptx)", "en": "Slide on the partner (pptx)"},
    "partner_status_new": {"ru": "новый", "en": "new"},
    "partner_status_continuing": {"ru": "продолжающий", "en": "continuing"},
    "partner_status_unknown": {"ru": "нет данных за прошлый год", "en": "no data for the year before"},
    "partner_status_lost": {"ru": "выбыл", "en": "no longer active"},
    "partner_status_missing": {"ru": "без мероприятий", "en": "no events"},
    "col_status": {"ru": "Статус в году", "en": "Status that year"},
    "page_export": {"ru": "Экспорт", "en": "Export"},
    "language": {"ru": "Язык", "en": "Language"},
    "filters": {"ru": "Фильтры", "en": "Filters"},
    "years": {"ru": "Годы", "en": "Years"},
    "year": {"ru": "Год", "en": "Year"},
    "categories": {"ru": "Категории партнёров", "en": "Partner categories"},
    "formats": {"ru": "Формы проведения", "en": "Formats"},
    "libraries": {"ru": "Библиотеки", "en": "Libraries"},
    "categories_help": {"ru": "Мероприятие относится к категории, если к ней относится один из его партнёров "
                              "(категория из реестра партнёров; если её там нет — из строки мероприятия). "
                              "Этому правилу следуют все цифры, графики, таблицы, слайды и отчёт.",
                        "en": "An event belongs to a category when one of its partners does (the partner's "
                              "category in the register; for a partner with none, the event row's category). "
                              "Every figure, chart, table, slide and report follows this rule."},
    "demo_banner": {"ru": "Показаны демонстрационные данные. Загрузите свою таблицу на странице «Данные».",
                    "en": "Demo data is shown. Upload your own sheet on the «Data» page."},
    "source_upload": {"ru": "Показаны данные из файла «{name}».", "en": "Showing the data of «{name}»."},
    "source_store": {"ru": "Показаны сохранённые данные библиотеки.", "en": "Showing the library's stored data."},
    "empty_state": {"ru": "Нет мероприятий для выбранных фильтров. Измените годы, категории или формы проведения.",
                    "en": "No events match the filters. Change the years, categories or formats."},
    "show_data": {"ru": "Данные графика", "en": "Chart data"},
    "search": {"ru": "Поиск", "en": "Search"},
    "all": {"ru": "Все", "en": "All"},
    "count": {"ru": "Количество", "en": "Count"},
    "share": {"ru": "Доля, %", "en": "Share, %"},
    "measure": {"ru": "Показатель", "en": "Measure"},
    # KPIs
    "active_partners": {"ru": "Активные партнёры", "en": "Active partners"},
    "new_partners": {"ru": "Новые партнёры", "en": "New partners"},
    "events": {"ru": "Мероприятия", "en": "Events"},
    "online_share": {"ru": "Доля онлайн", "en": "Online share"},
    "participants": {"ru": "Участники", "en": "Participants"},
    "views": {"ru": "Просмотры", "en": "Views"},
    "vs_previous": {"ru": "к {year} году", "en": "vs {year}"},
    "pp": {"ru": "п. п.", "en": "pp"},
    "no_previous_year": {"ru": "нет данных за прошлый год", "en": "no data for the year before"},
    "unknown_partners_help": {"ru": "Для {n} партнёров нет данных за прошлый год, а в реестре не указано, с какого "
                                    "года они партнёры: сравнить не с чем.",
                              "en": "For {n} partners there is no data for the year before and the register "
                                    "gives no year since when: nothing to compare with."},
    # charts
    "chart_partners_by_category": {"ru": "Партнёры по категориям", "en": "Partners by category"},
    "chart_partner_tree": {"ru": "Категории и партнёры", "en": "Categories and partners"},
    "chart_partner_flow": {"ru": "Новые, продолжающие и выбывшие партнёры",
                           "en": "New, continuing and lapsed partners"},
    "chart_top_partners": {"ru": "Партнёры с наибольшим числом мероприятий", "en": "Top partners by events"},
    "chart_top_partners_reach": {"ru": "Партнёры с наибольшим охватом", "en": "Top partners by reach"},
    "chart_formats": {"ru": "Формы проведения мероприятий по годам", "en": "Event formats by year"},
    "chart_platforms": {"ru": "Площадки", "en": "Platforms"},
    "chart_months": {"ru": "Мероприятия по месяцам", "en": "Events by month"},
    "chart_reach": {"ru": "Участники и просмотры по годам", "en": "Participants and views by year"},
    "chart_reach_change": {"ru": "Изменение к предыдущему году, %", "en": "Change year on year, %"},
    "chart_reach_by_category": {"ru": "Участники и просмотры по категориям",
                                "en": "Participants and views by category"},
    "chart_reach_by_format": {"ru": "Участники и просмотры по формам проведения",
                              "en": "Participants and views by format"},
    "chart_top_events": {"ru": "Мероприятия с наибольшим охватом", "en": "Events with the largest reach"},
    "chart_events_trend": {"ru": "Мероприятия по годам", "en": "Events by year"},
    "chart_partners_trend": {"ru": "Активные партнёры по годам", "en": "Active partners by year"},
    "chart_online_trend": {"ru": "Доля онлайн-мероприятий, %", "en": "Online events, %"},
    "mode_count": {"ru": "Количество", "en": "Count"},
    "mode_share": {"ru": "Доля", "en": "Share"},
    "flow_new": {"ru": "Новые", "en": "New"},
    "flow_continuing": {"ru": "Продолжающие", "en": "Continuing"},
    "flow_lapsed": {"ru": "Выбывшие", "en": "No longer active"},
    "flow_unknown": {"ru": "Нет данных за прошлый год", "en": "No data for the year before"},
    "month": {"ru": "Месяц", "en": "Month"},
    "other_platforms": {"ru": "Другие", "en": "Other"},
    "no_category": {"ru": "Без категории", "en": "No category"},
    # formats
    "format_online": {"ru": "онлайн", "en": "online"},
    "format_offline": {"ru": "очно", "en": "offline"},
    "format_hybrid": {"ru": "смешанный", "en": "hybrid"},
    "format_unknown": {"ru": "не указан", "en": "unknown"},
    # In a workbook's «Форма проведения» cell (the backup): agrees with «форма», and reads back as unknown.
    "format_unknown_cell": {"ru": "не указана", "en": "not given"},
    "place_inside": {"ru": "в стационаре", "en": "in the library"},
    "place_outside": {"ru": "на выезде", "en": "outside the library"},
    "place_remote": {"ru": "дистанционно", "en": "remotely"},
    "audience_children": {"ru": "дети до 14 лет", "en": "children up to 14"},
    "audience_youth": {"ru": "молодёжь 15–30 лет", "en": "young people 15–30"},
    "audience_adults": {"ru": "взрослые", "en": "adults"},
    "audience_all": {"ru": "все возрасты", "en": "all ages"},
    # The sheets of the workbooks Partnerlib writes (template, backup, the problems).
    "sheet_partners": {"ru": "Партнёры", "en": "Partners"},
    "sheet_events": {"ru": "Мероприятия", "en": "Events"},
    "sheet_lists": {"ru": "Списки", "en": "Lists"},
    "sheet_problems": {"ru": "Проблемы", "en": "Problems"},
    # The template's hints (a title and a prompt per column) and its drop-down lists' warnings.
    "template.title": {"ru": "Partnerlib: шаблон", "en": "Partnerlib: template"},
    "template.choose_from_list": {"ru": "Выберите значение из списка", "en": "Choose a value from the list"},
    "template.category_title": {"ru": "Категория", "en": "Category"},
    "template.level_title": {"ru": "Уровень", "en": "Level"},
    "template.year_title": {"ru": "Год", "en": "Year"},
    "template.year_error": {"ru": "Год — четыре цифры, например 2018", "en": "A year is four digits, such as 2018"},
    "template.since_title": {"ru": "С какого года", "en": "Since"},
    "template.since_prompt": {"ru": "Год начала сотрудничества, например 2018",
                              "en": "The year the partnership began, such as 2018"},
    "template.date_error": {"ru": "Дата в виде ДД.ММ.ГГГГ, например 01.02.2021",
                            "en": "A date as DD.MM.YYYY, such as 01.02.2021"},
    "template.date_title": {"ru": "Дата", "en": "Date"},
    "template.date_prompt": {"ru": "Дата (ДД.ММ.ГГГГ) или только год", "en": "A date (DD.MM.YYYY) or only the year"},
    "template.partners_title": {"ru": "Партнёры", "en": "Partners"},
    "template.partners_prompt": {"ru": "Несколько партнёров — через точку с запятой (;)",
                                 "en": "Several partners: separated by semicolons (;)"},
    "template.participants_title": {"ru": "Участники", "en": "Participants"},
    "template.participants_prompt": {"ru": "Сколько человек присутствовало. Просмотры пишите в отдельный столбец",
                                     "en": "How many people were present. Write views in their own column"},
    "template.views_title": {"ru": "Просмотры", "en": "Views"},
    "template.views_prompt": {"ru": "Онлайн-просмотры; с участниками не складываются",
                              "en": "Online views; never added to the participants"},
    "template.format_title": {"ru": "Форма проведения", "en": "Format"},
    "template.format_prompt": {"ru": "онлайн, очно или смешанный", "en": "online, offline or hybrid"},
    "template.audience_title": {"ru": "Аудитория", "en": "Audience"},
    "template.audience_prompt": {"ru": "Для кого (форма 6-НК): дети до 14 лет, молодёжь 15–30 лет, взрослые, все "
                                       "возрасты; можно и своими словами — «школьники», «пенсионеры»",
                                 "en": "Who it was for (form 6-NK): children up to 14, young people 15–30, adults, "
                                       "all ages; her own words are read too"},
    "template.agreement_kind_title": {"ru": "Договор", "en": "Agreement"},
    "template.agreement_kind_prompt": {"ru": "договор, соглашение или без договора",
                                       "en": "contract, agreement or no agreement"},
    "template.agreement_signed_title": {"ru": "Дата заключения", "en": "Signed on"},
    "template.agreement_signed_prompt": {"ru": "Дата (ДД.ММ.ГГГГ)", "en": "A date (DD.MM.YYYY)"},
    "template.agreement_until_title": {"ru": "Действует до", "en": "Valid until"},
    "template.agreement_until_prompt": {"ru": "Дата (ДД.ММ.ГГГГ); бессрочный договор — оставьте пустым",
                                        "en": "A date (DD.MM.YYYY); leave it empty for an open-ended agreement"},
    "template.contact_name_title": {"ru": "Контактное лицо", "en": "Contact person"},
    "template.contact_name_prompt": {"ru": "Личные данные: хранятся в базе и в резервной копии, в отчёт, "
                                           "презентацию и на сайт не попадают",
                                     "en": "Personal data: kept in the store and the backup, never in the report, "
                                           "the deck or the site page"},
    # What a file that is not a spreadsheet is (the {detail} of a problem), and why a file or sheet failed.
    "detail.word": {"ru": "документ Word", "en": "a Word document"},
    "detail.pdf": {"ru": "PDF-документ", "en": "a PDF document"},
    "detail.png": {"ru": "изображение PNG", "en": "a PNG image"},
    "detail.jpeg": {"ru": "изображение JPEG", "en": "a JPEG image"},
    "detail.gif": {"ru": "изображение GIF", "en": "a GIF image"},
    "detail.rar": {"ru": "архив RAR", "en": "a RAR archive"},
    "detail.7z": {"ru": "архив 7z", "en": "a 7z archive"},
    "detail.gzip": {"ru": "архив gzip", "en": "a gzip archive"},
    "detail.rtf": {"ru": "документ RTF", "en": "an RTF document"},
    "detail.binary": {"ru": "двоичный файл неизвестного вида", "en": "a binary file of unknown kind"},
    "detail.html": {"ru": "веб-страница (HTML), а не таблица Excel, хотя имя файла может оканчиваться на .xls; "
                          "откройте её в Excel и сохраните как .xlsx",
                    "en": "a web page (HTML), not an Excel sheet, though the file's name may end in .xls; open it "
                          "in Excel and save it as .xlsx"},
    "detail.xml2003": {"ru": "таблица в формате «XML 2003»; откройте её в Excel и сохраните как .xlsx",
                       "en": "a sheet in the «XML 2003» format; open it in Excel and save it as .xlsx"},
    "detail.xml": {"ru": "XML-документ, а не таблица", "en": "an XML document, not a sheet"},
    "detail.entities": {"ru": "в XML-частях файла есть объявления DOCTYPE/ENTITY, каких Excel не пишет; файл не "
                              "открывался",
                        "en": "the file's XML parts declare DOCTYPE/ENTITY, which Excel never writes; the file was "
                              "not opened"},
    "detail.entities_sheet": {"ru": "в XML-частях файла есть объявления DOCTYPE/ENTITY, каких Excel не пишет",
                              "en": "the file's XML parts declare DOCTYPE/ENTITY, which Excel never writes"},
    "detail.of_partners": {"ru": "партнёров", "en": "partners"},
    "detail.of_events": {"ru": "мероприятий", "en": "events"},
    "detail.opendocument": {"ru": "документ OpenDocument, но не таблица",
                            "en": "an OpenDocument file, but not a sheet"},
    "detail.bad_zip": {"ru": "повреждённый zip-архив", "en": "a damaged zip archive"},
    "detail.powerpoint": {"ru": "презентация PowerPoint", "en": "a PowerPoint presentation"},
    "detail.zip": {"ru": "zip-архив без таблицы", "en": "a zip archive with no sheet"},
    "detail.parser": {"ru": "ошибка разбора: {text}", "en": "parser error: {text}"},
    "detail.sheet": {"ru": "лист не читается ({error})", "en": "the sheet cannot be read ({error})"},
    "detail.memory": {"ru": "превышен предел памяти {mb} МБ", "en": "the memory limit of {mb} MB was exceeded"},
    "detail.panic": {"ru": "сбой программы чтения: {text}", "en": "the reading program failed: {text}"},
    "detail.time": {"ru": "чтение заняло больше {seconds} с", "en": "reading took longer than {seconds} s"},
    "detail.crash": {"ru": "процесс чтения аварийно завершился ({cause})",
                     "en": "the reading process crashed ({cause})"},
    "detail.crash_code": {"ru": "процесс чтения аварийно завершился (код {code})",
                          "en": "the reading process crashed (exit code {code})"},
    "detail.and_more": {"ru": "{shown} и ещё {n}", "en": "{shown} and {n} more"},
    "detail.exit_code": {"ru": "код завершения {code}", "en": "exit code {code}"},
    "detail.no_pdf": {"ru": "файл PDF не появился", "en": "no PDF file appeared"},
    "detail.not_pdf": {"ru": "получился не PDF", "en": "the file made is not a PDF"},
    "detail.sheet_row": {"ru": "лист «{sheet}», строка {row}", "en": "sheet «{sheet}», row {row}"},
    "detail.column": {"ru": "столбец «{column}»", "en": "column «{column}»"},
    # table columns
    "col_partner": {"ru": "Партнёр", "en": "Partner"},
    "col_partners": {"ru": "Партнёры", "en": "Partners"},
    "col_category": {"ru": "Категория", "en": "Category"},
    "col_level": {"ru": "Уровень", "en": "Level"},
    "col_since": {"ru": "С какого года", "en": "Since"},
    "col_first_year": {"ru": "Первый год", "en": "First year"},
    "col_last_year": {"ru": "Последний год", "en": "Last year"},
    "col_events": {"ru": "Мероприятий", "en": "Events"},
    "col_participants": {"ru": "Участники", "en": "Participants"},
    "col_views": {"ru": "Просмотры", "en": "Views"},
    "col_date": {"ru": "Дата", "en": "Date"},
    "col_year": {"ru": "Год", "en": "Year"},
    "col_title": {"ru": "Мероприятие", "en": "Event"},
    "col_format": {"ru": "Форма", "en": "Format"},
    "col_platform": {"ru": "Площадка", "en": "Platform"},
    "col_place": {"ru": "Место проведения", "en": "Venue"},
    "col_audience": {"ru": "Аудитория", "en": "Audience"},
    "col_library": {"ru": "Библиотека", "en": "Library"},
    "col_description": {"ru": "Описание сотрудничества", "en": "Description"},
    "col_library_benefit": {"ru": "Польза для библиотеки", "en": "Benefit for the library"},
    "col_society_benefit": {"ru": "Польза для социума", "en": "Benefit for society"},
    "col_severity": {"ru": "Важность", "en": "Severity"},
    "col_sheet": {"ru": "Лист", "en": "Sheet"},
    "col_row": {"ru": "Строка Excel", "en": "Excel row"},
    "col_column": {"ru": "Столбец", "en": "Column"},
    "col_value": {"ru": "Значение", "en": "Value"},
    "col_message": {"ru": "Что не так и что сделано", "en": "What was found and done"},
    "col_new": {"ru": "Новые", "en": "New"},
    "col_continuing": {"ru": "Продолжающие", "en": "Continuing"},
    "col_lapsed": {"ru": "Выбывшие", "en": "No longer active"},
    "col_unknown": {"ru": "Нет данных за прошлый год", "en": "No data for the year before"},
    "col_active": {"ru": "Активные", "en": "Active"},
    "col_share": {"ru": "Доля, %", "en": "Share, %"},
    "col_month": {"ru": "Месяц", "en": "Month"},
    "col_participants_change": {"ru": "Участники, изм. %", "en": "Participants, change %"},
    "col_views_change": {"ru": "Просмотры, изм. %", "en": "Views, change %"},
    "col_kind": {"ru": "Что на листе", "en": "Sheet holds"},
    "col_header_row": {"ru": "Строка заголовка", "en": "Header row"},
    "col_rows_read": {"ru": "Прочитано строк", "en": "Rows read"},
    "col_date_end": {"ru": "Дата окончания", "en": "End date"},
    # the partner register (agreement, contact person, responsible, website)
    "col_agreement_kind": {"ru": "Договор", "en": "Agreement"},
    "col_agreement_number": {"ru": "№ договора", "en": "Agreement number"},
    "col_agreement_signed": {"ru": "Дата заключения", "en": "Signed on"},
    "col_agreement_until": {"ru": "Действует до", "en": "Valid until"},
    "col_contact_name": {"ru": "Контактное лицо", "en": "Contact person"},
    "col_contact_position": {"ru": "Должность", "en": "Position"},
    "col_contact_phone": {"ru": "Телефон", "en": "Phone"},
    "col_contact_email": {"ru": "E-mail", "en": "E-mail"},
    "col_responsible": {"ru": "Ответственный", "en": "Responsible librarian"},
    "col_website": {"ru": "Сайт", "en": "Website"},
    "agreement_contract": {"ru": "договор", "en": "contract"},
    "agreement_agreement": {"ru": "соглашение", "en": "agreement"},
    "agreement_none": {"ru": "без договора", "en": "no agreement"},
    "register_edit_title": {"ru": "Реестр: договор и контакты партнёра", "en": "Register: the partner's agreement "
                                                                             "and contacts"},
    "register_edit_store_only": {"ru": "Править реестр можно, когда данные сохранены в базе (страница «Данные»).",
                                 "en": "The register can be edited once the data is kept in the store (the Data "
                                       "page)."},
    "register_edit_partner": {"ru": "Партнёр", "en": "Partner"},
    "register_edit_personal": {"ru": "Контактное лицо, его телефон и e-mail, ответственный — личные данные: они "
                                     "хранятся только в базе и в резервной копии и не попадают в презентацию, "
                                     "отчёт, сводку и на страницу для сайта.",
                               "en": "The contact person, their phone and e-mail and the librarian responsible are "
                                     "personal data: kept only in the store and its backup, never in the deck, the "
                                     "report, the summary or the page for the website."},
    "register_edit_save": {"ru": "Сохранить", "en": "Save"},
    "register_edit_saved": {"ru": "Сохранено (запись № {id} в истории; её можно отменить на странице «Данные»).",
                            "en": "Saved (history entry № {id}; it can be undone on the Data page)."},
    "register_edit_nothing": {"ru": "Ничего не изменилось: сохранять нечего.",
                              "en": "Nothing changed: there is nothing to save."},
    "alerts_title": {"ru": "Напоминания по реестру", "en": "Register reminders"},
    "alerts_none": {"ru": "Напоминаний нет.", "en": "No reminders."},
    "alerts_demo_day": {"ru": "Демонстрационные данные: напоминания на {date} — конец их последнего года.",
                        "en": "The demo data: reminders as of {date}, the end of its last year."},
    "alerts_days": {"ru": "За сколько дней напоминать об окончании договора",
                    "en": "Days ahead to announce an agreement's end"},
    "alerts_more": {"ru": "Ещё напоминаний: {n} — на странице «Партнёры»",
                    "en": "{n} more reminders on the Partners page"},
    "alert.noun_days": {"ru": "день|дня|дней", "en": "day|days"},
    "alert.noun_events": {"ru": "мероприятие|мероприятия|мероприятий", "en": "event|events"},
    "alert.ending": {"ru": "договор действует до {date}: осталось {n} {noun}",
                     "en": "the agreement is valid until {date}: {n} {noun} left"},
    "alert.ended": {"ru": "договор закончился {date}, а после — {n} {noun}",
                    "en": "the agreement ended on {date}, and {n} {noun} followed"},
    "alert.quiet": {"ru": "давно не было совместных мероприятий: в {last_year} году — {n} {noun}, в {year} — пока "
                          "ни одного",
                    "en": "no joint events for a long time: {n} {noun} in {last_year}, none so far in {year}"},
    "alert.idle": {"ru": "есть договор, но мероприятий не было 12 месяцев: последнее — {date}",
                   "en": "an agreement, but no event for 12 months: the last on {date}"},
    "alert.idle_never": {"ru": "есть договор, но ни одного совместного мероприятия",
                         "en": "an agreement, but no joint event at all"},
    "register_signed": {"ru": "от {date}", "en": "signed {date}"},
    "register_until": {"ru": "до {date}", "en": "valid until {date}"},
    "history_edit": {"ru": "правка реестра: {partner}", "en": "register edited: {partner}"},
    "kind_partners": {"ru": "партнёры", "en": "partners"},
    "kind_events": {"ru": "мероприятия", "en": "events"},
    "kind_skipped": {"ru": "пропущен", "en": "skipped"},
    "mapping_title": {"ru": "Как прочитаны листы и столбцы", "en": "How the sheets and columns were read"},
    "mapping_help": {"ru": "Для каждого листа — что на нём, для каждого столбца — какое поле из него взято. "
                           "Измените, если прочитано не так: файл сразу прочитается заново. Выбор запоминается "
                           "вместе с сохранением файла и применяется к следующему файлу с теми же заголовками.",
                     "en": "For each sheet, what it holds; for each column, the field read from it. Change "
                           "what was read wrongly: the file is read again at once. The choice is kept when the "
                           "file is saved and applied to the next file with the same headings."},
    "mapping_kind": {"ru": "Лист «{sheet}»", "en": "Sheet «{sheet}»"},
    "mapping_not_read": {"ru": "— не загружать —", "en": "— do not read —"},
    "mapping_column_help": {"ru": "{how}. В столбце: {sample}", "en": "{how}. The column holds: {sample}"},
    "mapping_how_exact": {"ru": "Заголовок узнан как есть", "en": "The heading was recognised as written"},
    "mapping_how_words": {"ru": "Заголовок узнан по словам", "en": "The heading was recognised by its words"},
    "mapping_how_chosen": {"ru": "Поле выбрано вами", "en": "The field was chosen by you"},
    "mapping_how_ambiguous": {"ru": "Заголовок подходит к нескольким полям — выберите одно",
                              "en": "The heading fits several fields: choose one"},
    "mapping_how_none": {"ru": "Заголовок не узнан", "en": "The heading was not recognised"},
    "building": {"ru": "Готовлю файлы…", "en": "Building the files…"},
    "export_year": {"ru": "Год отчёта", "en": "Report year"},
    "export_examples": {"ru": "Примеры сотрудничества", "en": "Examples of cooperation"},
    "export_examples_help": {"ru": "По одному самому значимому примеру в каждой категории: по умолчанию "
                                   "мероприятие с описанием и наибольшим охватом. Выберите другое, если нужно.",
                             "en": "One most significant example per category: by default the described event "
                                   "with the largest reach. Choose another one if you like."},
    "export_outline": {"ru": "Слайды презентации", "en": "Slides of the deck"},
    "download_deck": {"ru": "Презентация (pptx)", "en": "Slide deck (pptx)"},
    "download_report": {"ru": "Таблицы отчёта 4.1 (docx)", "en": "Report tables 4.1 (docx)"},
    "download_summary": {"ru": "Сводка по годам (xlsx)", "en": "Summary by year (xlsx)"},
    "download_site": {"ru": "Страница партнёров для сайта (html)", "en": "Partners page for the website (html)"},
    "download_site_help": {"ru": "Один файл: откройте его в браузере или выложите на сайт библиотеки. Контактов и "
                                 "ответственных в нём нет.",
                           "en": "One file: open it in a browser or put it on the library's website. It holds no "
                                 "contacts and no one responsible."},
    "download_deck_pdf": {"ru": "Презентация (PDF)", "en": "Slide deck (PDF)"},
    "download_report_pdf": {"ru": "Таблицы отчёта 4.1 (PDF)", "en": "Report tables 4.1 (PDF)"},
    "pdf_making": {"ru": "LibreOffice делает PDF «{name}»…", "en": "LibreOffice is making the PDF «{name}»…"},
    "pdf_ready": {"ru": "Скачать PDF «{name}»", "en": "Download the PDF «{name}»"},
    "store_title": {"ru": "Сохранение в базу", "en": "Saving to the store"},
    "store_preview": {"ru": "Новых мероприятий: {new_events}, уже есть в базе: {present_events}; новых партнёров: "
                            "{new_partners}; пустых значений будет заполнено: {fills}.",
                      "en": "New events: {new_events}, already stored: {present_events}; new partners: "
                            "{new_partners}; empty values to fill: {fills}."},
    "store_nothing_new": {"ru": "Всё из этого файла уже есть в базе: сохранять нечего.",
                          "en": "Everything in this file is already stored: nothing to save."},
    "store_nothing_saved": {"ru": "Всё из файла «{name}» уже есть в базе: ничего не сохранено.",
                            "en": "Everything in «{name}» is already stored: nothing was saved."},
    "store_category_changes": {"ru": "Партнёры, у которых изменится категория",
                               "en": "Partners whose category would change"},
    "store_conflicts": {"ru": "Файл меняет уже заполненные значения", "en": "The file changes filled values"},
    "store_accept": {"ru": "Принять изменения заполненных значений ({n})", "en": "Accept the changes ({n})"},
    "store_accept_help": {"ru": "Без отметки заполненные значения в базе останутся как были.",
                          "en": "Unticked, the stored values stay as they are."},
    "store_save": {"ru": "Сохранить в базу", "en": "Save to the store"},
    "store_saved": {"ru": "Файл сохранён в базу (импорт № {id}). Все страницы показывают сохранённые данные.",
                    "en": "The file was stored (import no. {id}). Every page shows the stored data."},
    "saving": {"ru": "Сохраняю «{name}»…", "en": "Saving «{name}»…"},
    "store_open_note": {"ru": "Пароль администратора не задан: любой, кто может открыть эту страницу, может "
                              "изменить данные. Задайте admin_password в .streamlit/secrets.toml.",
                        "en": "No admin password is set: anyone who can open this page can change the data. "
                              "Set admin_password in .streamlit/secrets.toml."},
    "admin_password": {"ru": "Пароль администратора", "en": "Admin password"},
    "wrong_password": {"ru": "Неверный пароль.", "en": "Wrong password."},
    "password_locked": {"ru": "Слишком много неверных попыток ввода пароля. Повторите через {wait}.",
                        "en": "Too many wrong password attempts. Try again in {wait}."},
    "password_accepted": {"ru": "Пароль принят.", "en": "Password accepted."},
    "history": {"ru": "История импортов", "en": "Import history"},
    "history_empty": {"ru": "В базе пока ничего нет: показаны демонстрационные данные.",
                      "en": "The store is empty: the demo data is shown."},
    "undo_choice": {"ru": "Импорт для отмены", "en": "Import to undo"},
    "undo": {"ru": "Отменить импорт", "en": "Undo the import"},
    "undone": {"ru": "Импорт № {id} отменён.", "en": "Import no. {id} was undone."},
    "download_backup": {"ru": "Резервная копия всей базы (xlsx)", "en": "Backup of the whole store (xlsx)"},
    # the store's schema upgrade (ui.upgrade_section)
    "upgrade_done_file": {"ru": "Хранилище обновлено с версии {before} до {after}; копия прежнего файла: {copy}",
                          "en": "The store was upgraded from version {before} to {after}; a copy of the file as it "
                                "was: {copy}"},
    "upgrade_done_schema": {"ru": "Хранилище обновлено с версии {before} до {after}; копия прежних таблиц: схема "
                                  "«{copy}» в той же базе.",
                            "en": "The store was upgraded from version {before} to {after}; a copy of the tables as "
                                  "they were: the schema «{copy}» of the same database."},
    "upgrade_offer": {"ru": "Хранилище записано прежней версией Partnerlib (версия схемы {before}, эта версия "
                            "работает с версией {after}), и пока оно не обновлено, страницы показывают не его данные. "
                            "Перед обновлением скачайте резервную копию.",
                      "en": "The store was written by an earlier Partnerlib (schema version {before}; this one works "
                            "with version {after}), and until it is upgraded the pages do not show its data. Before "
                            "the upgrade, download the backup."},
    "upgrade_help": {"ru": "Обновление идёт одной транзакцией: при сбое хранилище остаётся как было. Копия прежних "
                           "таблиц сохраняется в той же базе.",
                     "en": "The upgrade is one transaction: if it fails, the store stays as it was. A copy of the "
                           "tables as they were is kept in the same database."},
    "upgrade_button": {"ru": "Обновить", "en": "Upgrade"},
    "col_id": {"ru": "№", "en": "No."},
    "col_filename": {"ru": "Файл", "en": "File"},
    "col_imported_at": {"ru": "Когда", "en": "When"},
    "col_user": {"ru": "Кто", "en": "Who"},
    "col_events_added": {"ru": "Добавлено мероприятий", "en": "Events added"},
    "col_events_present": {"ru": "Уже были", "en": "Already stored"},
    "col_partners_added": {"ru": "Добавлено партнёров", "en": "Partners added"},
    "col_partners_changed": {"ru": "Изменено партнёров", "en": "Partners changed"},
    "col_values_filled": {"ru": "Заполнено значений", "en": "Values filled"},
    "col_values_changed": {"ru": "Изменено значений", "en": "Values changed"},
    "col_changes_skipped": {"ru": "Изменений не принято", "en": "Changes not taken"},
    "col_undone_at": {"ru": "Отменён", "en": "Undone"},
    "col_state": {"ru": "Состояние", "en": "State"},
    "col_active_partners": {"ru": "Активные партнёры", "en": "Active partners"},
    "col_new_partners": {"ru": "Новые партнёры", "en": "New partners"},
    "col_online": {"ru": "Онлайн", "en": "Online"},
    "col_offline": {"ru": "Очно", "en": "Offline"},
    "col_hybrid": {"ru": "Смешанные", "en": "Hybrid"},
    "col_online_share": {"ru": "Доля онлайн, %", "en": "Online share, %"},
    "col_approx": {"ru": "Приблизительных чисел", "en": "Approximate counts"},
    "col_table": {"ru": "Таблица", "en": "Table"},
    "col_item": {"ru": "Запись", "en": "Item"},
    "col_old": {"ru": "Было", "en": "Was"},
    "col_becomes": {"ru": "Станет", "en": "Becomes"},
    "severity_error": {"ru": "ошибка", "en": "error"},
    "severity_warning": {"ru": "предупреждение", "en": "warning"},
    "severity_info": {"ru": "замечание", "en": "info"},
    # data page
    "upload": {"ru": "Загрузите таблицу Excel или CSV", "en": "Upload an Excel or CSV sheet"},
    "upload_help": {"ru": "xlsx, xlsm, xls, ods или csv, до {limit} МБ. Листы партнёров и мероприятий "
                          "распознаются по заголовкам столбцов.",
                    "en": "xlsx, xlsm, xls, ods or csv, up to {limit} MB. Partner and event sheets are "
                          "recognised by their column headings."},
    "reading": {"ru": "Читаю «{name}»…", "en": "Reading «{name}»…"},
    "read_ok": {"ru": "Прочитано: партнёров — {partners}, мероприятий — {events} ({years}).",
                "en": "Read: partners {partners}, events {events} ({years})."},
    "partners_in_register": {"ru": "{named} (в реестре — {register})", "en": "{named} ({register} in the register)"},
    "read_failed": {"ru": "Файл «{name}» не удалось прочитать.", "en": "The file «{name}» could not be read."},
    "problems": {"ru": "Проблемы файла", "en": "Problems of the file"},
    "problems_none": {"ru": "Проблем не найдено.", "en": "No problems found."},
    "problems_counts": {"ru": "Ошибок: {error}, предупреждений: {warning}, замечаний: {info}.",
                        "en": "Errors: {error}, warnings: {warning}, notes: {info}."},
    "download_problems": {"ru": "Скачать проблемы (xlsx)", "en": "Download the problems (xlsx)"},
    "preview": {"ru": "Что в файле", "en": "What the file holds"},
    "download_template": {"ru": "Скачать пустой шаблон", "en": "Download the empty template"},
    "download_sample": {"ru": "Скачать демонстрационную книгу", "en": "Download the sample workbook"},
    "file_shown": {"ru": "Показан файл «{name}».", "en": "Showing the file «{name}»."},
    "discard_upload": {"ru": "Отказаться от файла", "en": "Discard the file"},
    "banner_unsaved": {"ru": "Показан файл «{name}» — он ещё не сохранён.",
                       "en": "Showing the file «{name}» — it is not saved yet."},
    "banner_save": {"ru": "Сохранить", "en": "Save"},
    "banner_discard": {"ru": "Отказаться", "en": "Discard"},
    "state_active": {"ru": "действует", "en": "active"},
    "state_undone": {"ru": "отменён", "en": "undone"},
    "library_title": {"ru": "Библиотека", "en": "The library"},
    "library_help": {"ru": "Название и город задаются один раз: они стоят на титульном слайде презентации, в "
                           "отчёте и в сводке.",
                     "en": "Set once: the name and city head the slide deck, the report and the summary."},
    "library_name": {"ru": "Название библиотеки", "en": "Library name"},
    "library_city": {"ru": "Город", "en": "City"},
    "library_save": {"ru": "Сохранить название", "en": "Save the name"},
    "library_saved": {"ru": "Название сохранено.", "en": "The name was saved."},
    "templates": {"ru": "Шаблон и пример", "en": "Template and sample"},
    "kpi_header": {"ru": "Главное за {year} год", "en": "Key figures of {year}"},
    "trends": {"ru": "Тенденции по годам", "en": "Trends across the years"},
    "summary": {"ru": "Коротко", "en": "In brief"},
    "chosen_year": {"ru": "Год для карточек", "en": "Year of the cards"},
    "events_table": {"ru": "Все мероприятия", "en": "All events"},
    "partners_table": {"ru": "Все партнёры", "en": "All partners"},
    "table_page": {"ru": "Страница (из {pages})", "en": "Page (of {pages})"},
    "rows_of": {"ru": "Строки {first}–{last} из {total}", "en": "Rows {first}–{last} of {total}"},
    "no_rows": {"ru": "Строк нет.", "en": "No rows."},
    # charts (partnerlib/charts.py)
    "no_data": {"ru": "Нет данных", "en": "No data"},
    "chart_top_partners_participants": {"ru": "Партнёры с наибольшим числом участников",
                                        "en": "Top partners by participants"},
    "chart_top_partners_views": {"ru": "Партнёры с наибольшим числом просмотров", "en": "Top partners by views"},
    "chart_top_events_participants": {"ru": "Мероприятия с наибольшим числом участников",
                                      "en": "Events with the most participants"},
    "chart_top_events_views": {"ru": "Мероприятия с наибольшим числом просмотров",
                               "en": "Events with the most views"},
    "chart_platforms_by_year": {"ru": "Площадки по годам", "en": "Platforms by year"},
    "chart_new_partners_trend": {"ru": "Новые партнёры по годам", "en": "New partners by year"},
    "chart_participants_trend": {"ru": "Участники по годам", "en": "Participants by year"},
    "chart_views_trend": {"ru": "Просмотры по годам", "en": "Views by year"},
    # plotly.js's own words (charts.PLOTLY_WORDS)
    "plotly.download_png": {"ru": "Сохранить график в PNG", "en": "Download plot as a PNG"},
    "plotly.download": {"ru": "Сохранить график", "en": "Download plot"},
    "plotly.snapshot_taking": {"ru": "Готовлю изображение — это может занять несколько секунд",
                               "en": "Preparing the image — this may take a few seconds"},
    "plotly.snapshot_done": {"ru": "Изображение сохранено", "en": "The image was saved"},
    "plotly.snapshot_failed": {"ru": "Не удалось сохранить изображение", "en": "The image could not be saved"},
    "plotly.zoom_back": {"ru": "Двойной щелчок — вернуть масштаб", "en": "Double-click to zoom back out"},
    # The slide deck (partnerlib.deck).
    "deck.deck_title": {"ru": "Социальное партнёрство", "en": "Social partnership"},
    "deck.library": {"ru": "Библиотека", "en": "Library"},
    "deck.new_partners_title": {"ru": "Новые партнёры {year} года", "en": "New partners of {year}"},
    "deck.no_new_partners": {"ru": "В {year} году новых партнёров не появилось.", "en": "No new partners in {year}."},
    "deck.new_partners_unknown": {"ru": "Нет данных за {previous} год, а в реестре не указано, с какого года "
                                        "партнёры: новых партнёров {year} года не с чем сравнить.",
                                  "en": "There is no data for {previous} and the register gives no year since "
                                        "when: the partners of {year} cannot be told new."},
    "deck.examples_title": {"ru": "Примеры сотрудничества: {category}", "en": "Examples of cooperation: {category}"},
    "deck.partner_events": {"ru": "Мероприятия партнёра за год: {n}", "en": "The partner's events of the year: {n}"},
    "deck.continued": {"ru": "(продолжение)", "en": "(continued)"},
    "deck.and_more": {"ru": "и ещё {n}", "en": "and {n} more"},
    "deck.closing_title": {"ru": "Итоги {year} года", "en": "{year} in brief"},
    "deck.no_data": {"ru": "Нет данных", "en": "No data"},
    "deck.participants_n": {"ru": "участников: {n}", "en": "participants: {n}"},
    "deck.views_n": {"ru": "просмотров: {n}", "en": "views: {n}"},
    "deck.no_previous": {"ru": "нет данных за {year} год", "en": "no data for {year}"},
    "deck.was": {"ru": "в {year} году: {value}", "en": "{year}: {value}"},
    "deck.reach_note": {
        "ru": "Участники — люди на мероприятиях, просмотры — онлайн-просмотры; эти показатели не складываются.",
        "en": "Participants are people present, views are online views; the two are never added up.",
    },
    # The annual-report section (partnerlib.report), in the report's own wording.
    "report.partners_heading": {"ru": "4.1.1. Партнеры библиотеки", "en": "4.1.1. Partners of the library"},
    "report.examples_heading": {"ru": "4.1.2. Примеры сотрудничества", "en": "4.1.2. Examples of cooperation"},
    "report.table_caption": {"ru": "Таблица № 15", "en": "Table 15"},
    "report.col_who": {"ru": "Категория / партнёр", "en": "Category / partner"},
    "report.col_description": {
        "ru": "Описание сотрудничества, совместных дел",
        "en": "Description of the cooperation and joint work",
    },
    "report.col_library_benefit": {"ru": "Польза для библиотеки", "en": "Benefit for the library"},
    "report.col_society_benefit": {"ru": "Польза для социума", "en": "Benefit for society"},
    "report.level_upper": {"ru": "Федеральные и региональные:", "en": "Federal and regional:"},
    "report.level_local": {"ru": "Местные:", "en": "Local:"},
    "report.level_unknown": {"ru": "Уровень не указан:", "en": "Level not given:"},
    "report.local_authorities": {"ru": "Местные органы власти", "en": "Local authorities"},
    "report.no_partners": {"ru": "Партнёров нет.", "en": "No partners."},
    "report.no_examples": {"ru": "Примеров нет.", "en": "No examples."},
    "report.doc_title": {
        "ru": "Социальное партнерство: разделы 4.1.1 и 4.1.2 годового отчета",
        "en": "Social partnership: sections 4.1.1 and 4.1.2 of the annual report",
    },
    # The page of partners for the library's website (partnerlib.site).
    "site.title": {"ru": "Партнёры библиотеки", "en": "Partners of the library"},
    "site.subtitle": {"ru": "Социальное партнёрство библиотеки, {period}",
                      "en": "The library's social partnerships, {period}"},
    "site.partners_heading": {"ru": "Наши партнёры", "en": "Our partners"},
    "site.since": {"ru": "с {year} года", "en": "since {year}"},
    "site.years_heading": {"ru": "По годам", "en": "Year by year"},
    "site.examples_heading": {"ru": "Примеры сотрудничества в {year} году", "en": "Examples of cooperation in {year}"},
    "site.footer": {"ru": "Страница составлена программой Partnerlib по данным библиотеки.",
                    "en": "Made with Partnerlib from the library's own records."},
    # The Excel summary (partnerlib.summary).
    "summary.sheet_partners": {"ru": "Партнёры по категориям", "en": "Partners by category"},
    "summary.sheet_shares": {"ru": "Доли категорий, %", "en": "Category shares, %"},
    "summary.sheet_formats": {"ru": "Формы проведения", "en": "Event formats"},
    "summary.sheet_reach": {"ru": "Участники и просмотры", "en": "Participants and views"},
    "summary.sheet_top": {"ru": "Ведущие партнёры", "en": "Top partners"},
    "summary.total_partners": {"ru": "Всего партнёров", "en": "All partners"},
    "summary.total_events": {"ru": "Всего мероприятий", "en": "All events"},
    "summary.online_share": {"ru": "Доля онлайн, %", "en": "Online share, %"},
    "summary.sheet_roll_up": {"ru": "Свод", "en": "Roll-up"},
    "summary.sheet_form6nk": {"ru": "6-НК", "en": "6-NK"},
    "export_branch": {"ru": "Отчёт (4.1.1 и 4.1.2) — для всей системы или одной библиотеки",
                      "en": "The report (4.1.1 and 4.1.2) — for the whole system or one library"},
    # A library system's branches side by side (partnerlib.branches).
    "branches_header": {"ru": "Библиотеки системы в {year} году", "en": "The system's libraries in {year}"},
    "branches_total": {"ru": "Вся система", "en": "The whole system"},
    "branches_none": {"ru": "Библиотека не указана", "en": "Library not given"},
    "branches_shared": {"ru": "Партнёр, работающий с несколькими библиотеками, в строке «Вся система» считается "
                              "один раз: в {year} году итог активных партнёров на {n} меньше суммы по "
                              "библиотекам. «Новые» — новые для библиотеки; в итоге — новые для всей системы. "
                              "Участники и просмотры не складываются.",
                        "en": "A partner working with several libraries counts once in «The whole system»: in "
                              "{year} the total of active partners is {n} below the libraries' sum. «New» is new "
                              "to the library; in the total, new to the whole system. Participants and views are "
                              "never added."},
    "chart_branches": {"ru": "Библиотеки системы по годам", "en": "The system's libraries by year"},
    # The partnership events as form 6-НК counts them (partnerlib.form6nk); the form's lines as it words them.
    "form6nk.header": {"ru": "Мероприятия с партнёрами в показателях формы 6-НК",
                       "en": "The partnership events in the figures of form 6-NK"},
    "form6nk.events": {"ru": "«Число библиотечных мероприятий, всего»",
                       "en": "«Number of library events, in all»"},
    "form6nk.children_events": {"ru": "из них: «для детей до 14 лет включительно»",
                                "en": "of them: «for children up to 14 years inclusive»"},
    "form6nk.youth_events": {"ru": "из них: «для молодёжи от 15 до 30 лет»",
                             "en": "of them: «for young people from 15 to 30»"},
    "form6nk.outside_events": {"ru": "из них: «во внестационарном режиме» (вне библиотеки)",
                               "en": "of them: «outside the library»"},
    "form6nk.remote_events": {"ru": "из них: «в рамках дистанционного обслуживания»",
                              "en": "of them: «as remote service»"},
    "form6nk.unspecified": {"ru": "не указано (нет аудитории или места проведения)",
                            "en": "not given (no audience or place)"},
    "form6nk.visits": {"ru": "«Число посещений библиотечных мероприятий» (участники)",
                       "en": "«Number of visits to library events» (participants)"},
    "form6nk.remote_views": {"ru": "Удалённые обращения через Интернет: просмотры (не складываются с посещениями)",
                             "en": "Remote use over the Internet: views (never added to the visits)"},
    "form6nk.note": {"ru": "Это мероприятия, проведённые вместе с партнёрами, а не вся форма 6-НК библиотеки. "
                           "Где место не указано, его дала форма проведения ({n}): онлайн — дистанционно, очно "
                           "и смешанные — в стационаре (вне библиотеки форма считает только отмеченные так).",
                     "en": "These are the events held with partners, not the library's whole form 6-NK. Where "
                           "the place is not given, the format gave it ({n}): online as remote, offline and "
                           "hybrid as in the library (the form counts outside only events marked so)."},
    "form6nk.unspecified_header": {"ru": "Не указаны аудитория или место: {n}",
                                   "en": "Audience or place not given: {n}"},
    "form6nk.missing_audience": {"ru": "аудитория", "en": "audience"},
    "form6nk.missing_place": {"ru": "место", "en": "place"},
    "col_line": {"ru": "Строка формы 6-НК", "en": "Line of form 6-NK"},
    "col_missing": {"ru": "Что не указано", "en": "Not given"},
    # The sentences written from the numbers (partnerlib.narrative). Words with «|» are plural forms (see plural()).
    "narrative.noun_events": {"ru": "мероприятие|мероприятия|мероприятий", "en": "events"},
    "narrative.noun_partners": {"ru": "партнёр|партнёра|партнёров", "en": "partners"},
    "narrative.worked": {"ru": "работал|работали|работали", "en": "worked"},
    "narrative.new": {"ru": "новый|новых|новых", "en": "new"},
    "narrative.events": {"ru": "В {year} году вместе с партнёрами проведено {n} {noun}.",
                         "en": "In {year}, {n} {noun} were held with partners."},
    "narrative.events_steady": {"ru": "В {year} году вместе с партнёрами проведено {n} {noun}, почти столько же, "
                                      "сколько в {previous} году.",
                                "en": "In {year}, {n} {noun} were held with partners, about as many as in "
                                      "{previous}."},
    "narrative.events_more": {"ru": "В {year} году вместе с партнёрами проведено {n} {noun} — на {pct} больше, чем "
                                    "в {previous} году.",
                              "en": "In {year}, {n} {noun} were held with partners, {pct} more than in {previous}."},
    "narrative.events_fewer": {"ru": "В {year} году вместе с партнёрами проведено {n} {noun} — на {pct} меньше, "
                                     "чем в {previous} году.",
                               "en": "In {year}, {n} {noun} were held with partners, {pct} fewer than in "
                                     "{previous}."},
    "narrative.online_first": {"ru": "Доля онлайн-мероприятий — {share}.", "en": "Online events made up {share}."},
    "narrative.online_stayed": {"ru": "Доля онлайн-мероприятий осталась на уровне {share}.",
                                "en": "The share of online events stayed at {share}."},
    "narrative.online_rose": {"ru": "В {year} году доля онлайн-мероприятий выросла с {before} до {share}.",
                              "en": "In {year}, the share of online events rose from {before} to {share}."},
    "narrative.online_fell": {"ru": "В {year} году доля онлайн-мероприятий снизилась с {before} до {share}.",
                              "en": "In {year}, the share of online events fell from {before} to {share}."},
    "narrative.leader": {"ru": "Больше всего мероприятий — {with_category} ({pct}).",
                         "en": "Most events were held {with_category} ({pct})."},
    # «with …»: the category in the instrumental case; a sheet's own category in the general form.
    "narrative.with_category": {"ru": "с партнёрами категории «{category}»", "en": "with {category}"},
    "narrative.with.authorities": {"ru": "с органами власти", "en": "with authorities"},
    "narrative.with.institutions": {"ru": "с организациями и учреждениями",
                                    "en": "with organisations and institutions"},
    "narrative.with.social_services": {"ru": "с социальными службами", "en": "with social services"},
    "narrative.with.public_organizations": {"ru": "с общественными организациями", "en": "with public organisations"},
    "narrative.with.media": {"ru": "со СМИ", "en": "with media"},
    "narrative.with.other": {"ru": "с другими партнёрами", "en": "with other"},
    "narrative.partners_new": {"ru": "С библиотекой {worked} {active} {noun}, из них {new} {new_word}.",
                               "en": "The library {worked} with {active} {noun}, {new} of them {new_word}."},
    "narrative.partners_none_new": {"ru": "С библиотекой {worked} {active} {noun}, новых партнёров не появилось.",
                                    "en": "The library {worked} with {active} {noun}, none of them new."},
    # The data's first year: partners the register does not date cannot be called new.
    "narrative.partners_new_unknown": {
        "ru": "С библиотекой {worked} {active} {noun}, из них {new} {new_word}; для {unknown} — нет данных за "
              "прошлый год.",
        "en": "The library {worked} with {active} {noun}, {new} of them {new_word}; for {unknown} there is no data "
              "for the year before."},
    "narrative.partners_unknown": {
        "ru": "С библиотекой {worked} {active} {noun}; сравнить не с чем: нет данных за прошлый год.",
        "en": "The library {worked} with {active} {noun}; there is nothing to compare with: no data for the year "
              "before."},
    "narrative.reach": {"ru": "Участников — {participants}, просмотров — {views}.",
                        "en": "Participants: {participants}; views: {views}."},
}


# Streamlit's own words, which it offers no setting for (its uploader, sidebar, tables' toolbars, inputs,
# status): English as Streamlit writes them -> Russian. ui.streamlit_words() puts them on the page.
STREAMLIT_WORDS: dict[str, str] = {
    "Skip to main content": "Перейти к содержимому",
    "App pages": "Страницы",
    "Sidebar": "Боковая панель",
    "Collapse sidebar": "Свернуть боковую панель",
    "Expand sidebar": "Развернуть боковую панель",
    "Main menu": "Меню",
    "Link to heading": "Ссылка на раздел",
    "Help": "Подсказка",
    "Open": "Открыть",
    "Close": "Закрыть",
    "Clear value": "Очистить",
    "Clear all": "Очистить всё",
    "Clear entry": "Очистить",
    "No results": "Ничего не найдено",
    "Selected values": "Выбранное",
    "Selectbox options": "Варианты",
    "Multiselect options": "Варианты",
    "Increment": "Больше",
    "Decrement": "Меньше",
    "Show password": "Показать пароль",
    "Hide password": "Скрыть пароль",
    "Upload": "Выбрать файл",
    "Add files": "Добавить файлы",
    "add icon": "добавить",  # the hidden label inside the uploader's «+» button
    "Drag and drop a file here": "Перетащите файл сюда",
    "Drag and drop files here": "Перетащите файлы сюда",
    "file upload": "загрузка файла",
    "Remove file": "Убрать файл",
    "Download as CSV": "Скачать как CSV",
    "Search": "Поиск",
    "Show/hide columns": "Показать или скрыть столбцы",
    "Fullscreen": "Во весь экран",
    "Close fullscreen": "Свернуть",
    "Running...": "Выполняется…",
    "Stop": "Остановить",
    "Rerun": "Обновить",
    "Connecting": "Подключение",
    "Notifications": "Уведомления",
    "Choose an option": "Выберите",
    "Choose options": "Выберите",
}
# The same for texts with a part of their own: (English regex, Russian replacement, and back again).
STREAMLIT_PATTERNS: list[tuple[str, str, str, str]] = [
    (r"^Help for (.+)$", r"Подсказка: $1", r"^Подсказка: (.+)$", r"Help for $1"),
    (r"^(.+) — start$", r"$1 — от", r"^(.+) — от$", r"$1 — start"),
    (r"^(.+) — end$", r"$1 — до", r"^(.+) — до$", r"$1 — end"),
    (r"^(\d+)\s?MB per file$", r"до $1 МБ на файл", r"^до (\d+) МБ на файл$", r"$1MB per file"),
    (r"^Press Enter to apply$", r"Нажмите клавишу ввода, чтобы применить",
     r"^Нажмите клавишу ввода, чтобы применить$", r"Press Enter to apply"),
    # the size of the file she chose, under its name in the uploader («5.9KB»)
    (r"^(\d+)\.(\d+)\s?KB$", r"$1,$2 КБ", r"^(\d+),(\d+) КБ$", r"$1.$2KB"),
    (r"^(\d+)\s?KB$", r"$1 КБ", r"^(\d+) КБ$", r"$1KB"),
    (r"^(\d+)\.(\d+)\s?MB$", r"$1,$2 МБ", r"^(\d+),(\d+) МБ$", r"$1.$2MB"),
    (r"^(\d+)\s?MB$", r"$1 МБ", r"^(\d+) МБ$", r"$1MB"),
    (r"^(\d+)\s?B$", r"$1 Б", r"^(\d+) Б$", r"$1B"),
]


# ---------------------------------------------------------------- the command line's words

# What `python -m partnerlib` prints (in Russian; the English is kept for the day the CLI gets a switch).
CLI_TEXTS: dict[str, dict[str, str]] = {
    "cli_no_file": {"ru": "Нет такого файла: {path}", "en": "No such file: {path}"},
    "cli_file": {"ru": "Файл: {name}", "en": "File: {name}"},
    "cli_sheet": {"ru": "  лист «{name}»: {kind}{extra}", "en": "  sheet «{name}»: {kind}{extra}"},
    "cli_sheet_read": {"ru": ", заголовок в строке {header_row}, прочитано строк: {rows}",
                       "en": ", heading in row {header_row}, rows read: {rows}"},
    "cli_kind_partners": {"ru": "партнёры", "en": "partners"},
    "cli_kind_events": {"ru": "мероприятия", "en": "events"},
    "cli_kind_skipped": {"ru": "пропущен", "en": "skipped"},
    "cli_counts": {"ru": "Партнёров: {partners}; мероприятий: {events}{span}",
                   "en": "Partners: {partners}; events: {events}{span}"},
    "cli_formats": {"ru": "Формы проведения: {forms}", "en": "Formats: {forms}"},
    "cli_reach": {"ru": "Участников: {participants}; просмотров: {views}",
                  "en": "Participants: {participants}; views: {views}"},
    "cli_duplicate": {"ru": "Возможно, один партнёр: «{a}» и «{b}» (сходство {score} %)",
                      "en": "Possibly one partner: «{a}» and «{b}» ({score} % alike)"},
    "cli_problems": {"ru": "Проблемы: ошибок {errors}, предупреждений {warnings}, замечаний {infos}",
                     "en": "Problems: {errors} errors, {warnings} warnings, {infos} notes"},
    "cli_problem": {"ru": "  [{severity}] {where}{message}", "en": "  [{severity}] {where}{message}"},
    "cli_where_sheet": {"ru": "лист «{sheet}»", "en": "sheet «{sheet}»"},
    "cli_where_row": {"ru": "строка {row}", "en": "row {row}"},
    "cli_where_column": {"ru": "столбец «{column}»", "en": "column «{column}»"},
    "cli_severity_error": {"ru": "ошибка", "en": "error"},
    "cli_severity_warning": {"ru": "предупреждение", "en": "warning"},
    "cli_severity_info": {"ru": "замечание", "en": "note"},
    "cli_empty": {"ru": "(пусто)", "en": "(empty)"},
    "cli_line": {"ru": "  {where}{item} — {column}: «{old}» → «{new}»",
                 "en": "  {where}{item} — {column}: «{old}» → «{new}»"},
    "cli_more": {"ru": "  … и ещё {n}", "en": "  … and {n} more"},
    "cli_new_events": {"ru": "Мероприятий новых: {new}; уже в базе: {present}",
                       "en": "New events: {new}; already stored: {present}"},
    "cli_new_partners": {"ru": "Партнёров новых: {new}; уже в базе: {present}",
                         "en": "New partners: {new}; already stored: {present}"},
    "cli_fills": {"ru": "Будут заполнены пустые значения: {n}", "en": "Empty values to be filled: {n}"},
    "cli_category_changes": {"ru": "Меняется категория партнёров: {n}", "en": "Partner categories that change: {n}"},
    "cli_category_line": {"ru": "  {partner}: «{old}» → «{new}»", "en": "  {partner}: «{old}» → «{new}»"},
    "cli_conflicts": {"ru": "Файл меняет уже заполненные значения: {n}", "en": "Filled values the file changes: {n}"},
    "cli_nothing_read": {"ru": "Файл не сохранён в базе: в нём нет прочитанных партнёров и мероприятий.",
                         "en": "The file was not stored: no partners or events could be read from it."},
    "cli_already_imported": {"ru": "Этот файл уже импортирован: {ids}.",
                             "en": "This file has been imported already: {ids}."},
    "cli_nothing_new": {"ru": "Всё из этого файла уже есть в базе: ничего не сохранено.",
                        "en": "Everything in this file is stored already: nothing was saved."},
    "cli_saved": {"ru": "Импорт № {id} сохранён: добавлено мероприятий {events}, партнёров {partners}, "
                        "заполнено значений {filled}{changed}.",
                  "en": "Import no. {id} saved: {events} events added, {partners} partners, {filled} values "
                        "filled{changed}."},
    "cli_saved_changed": {"ru": ", изменено значений {n}", "en": ", {n} values changed"},
    "cli_skipped": {"ru": "Изменения уже заполненных значений ({n}) НЕ применены: в базе оставлены прежние значения. "
                          "Чтобы применить их, повторите команду с --yes.",
                    "en": "Changes to filled values ({n}) were NOT applied: the stored values were kept. To apply "
                          "them, run the command again with --yes."},
    "cli_no_imports": {"ru": "Импортов ещё не было.", "en": "No imports yet."},
    "cli_history_undone": {"ru": " — отменён {when}", "en": " — undone {when}"},
    "cli_history_row": {"ru": "№ {id}  {when} UTC{who}  {name}{state}",
                        "en": "No. {id}  {when} UTC{who}  {name}{state}"},
    "cli_history_counts": {
        "ru": "    мероприятий добавлено {events_added}, уже были {events_present}; партнёров добавлено "
              "{partners_added}, изменено {partners_changed}; значений заполнено {values_filled}, изменено "
              "{values_changed}, не применено {changes_skipped}",
        "en": "    events added {events_added}, already stored {events_present}; partners added {partners_added}, "
              "changed {partners_changed}; values filled {values_filled}, changed {values_changed}, not applied "
              "{changes_skipped}"},
    "cli_undone": {"ru": "Отменены импорты: {ids}", "en": "Imports undone: {ids}"},
    "cli_import_no": {"ru": "№ {id}", "en": "no. {id}"},
    "cli_cannot_write": {"ru": "Не удалось записать {path}: {detail}", "en": "Cannot write {path}: {detail}"},
    "cli_exported": {"ru": "База выгружена: {path}", "en": "The store was written to {path}"},
    "cli_up_to_date": {"ru": "База {where} уже обновлена: версия схемы {version}.",
                       "en": "The store {where} is up to date: schema version {version}."},
    "cli_created": {"ru": "Создана новая база {where}.", "en": "A new store was created: {where}."},
    "cli_recognised": {"ru": "База {where} записана версией 0.1.0 (без номера схемы) и распознана как версия "
                             "схемы 1.",
                       "en": "The store {where} was written by release 0.1.0 (no schema version) and is taken as "
                             "schema version 1."},
    "cli_schema_was": {"ru": "База {where}: версия схемы {version}.",
                       "en": "The store {where}: schema version {version}."},
    "cli_applied": {"ru": "Применены изменения схемы:", "en": "Schema changes applied:"},
    "cli_step": {"ru": "  {n}. {text}", "en": "  {n}. {text}"},
    "cli_schema_now": {"ru": "Версия схемы теперь {version}.", "en": "The schema version is now {version}."},
    "cli_copy_file": {"ru": "Копия базы до обновления: {path}", "en": "A copy of the store before the upgrade: {path}"},
    "cli_copy_schema": {"ru": "Копия таблиц до обновления: схема «{schema}» в той же базе.",
                        "en": "A copy of the tables before the upgrade: the schema «{schema}» of the same database."},
    # template and sample (partnerlib.cli)
    "cli_description": {"ru": "Partnerlib: партнёры и мероприятия библиотеки.",
                        "en": "Partnerlib: the library's partners and events."},
    "cli_template_written": {"ru": "Шаблон записан: {path}", "en": "The template was written: {path}"},
    "cli_sample_written": {"ru": "Демонстрационная книга записана: {path}",
                           "en": "The sample workbook was written: {path}"},
    # --map / --map-file (partnerlib.choices_cli)
    "cli_map_file_unreadable": {"ru": "Не удалось прочитать файл выбора столбцов {path}: {detail}",
                                "en": "Cannot read the file of column choices {path}: {detail}"},
    "cli_map_file_not_object": {"ru": "В файле {path} должен быть объект JSON {{\"заголовок\": \"поле\"}}.",
                                "en": "The file {path} must hold a JSON object {{\"heading\": \"field\"}}."},
    "cli_map_bad": {"ru": "Не понят выбор столбца «{item}»: нужно «заголовок=поле», где поле одно из: {fields} "
                          "(или пусто — не читать).",
                    "en": "The column choice «{item}» is not understood: write «heading=field», the field one of: "
                          "{fields} (or nothing: do not read)."},
    # partners … (partnerlib.partners_cli)
    "cli_file_not_read": {"ru": "Файл «{name}» не прочитан.", "en": "The file «{name}» was not read."},
    "cli_no_duplicates": {"ru": "Похожих названий партнёров не найдено.", "en": "No partner names alike were found."},
    "cli_duplicates": {"ru": "Возможно, один партнёр под разными названиями: {n}",
                       "en": "Possibly one partner under different names: {n}"},
    "cli_duplicate_pair": {"ru": "  «{a}» — «{b}» (сходство {score} %)", "en": "  «{a}» — «{b}» ({score} % alike)"},
    "cli_duplicates_hint": {"ru": "Объединить: python -m partnerlib partners merge \"ОСТАВИТЬ\" \"ДРУГОЕ\"; "
                                  "разные: python -m partnerlib partners different \"A\" \"B\"",
                            "en": "To merge: python -m partnerlib partners merge \"KEEP\" \"OTHER\"; "
                                  "different: python -m partnerlib partners different \"A\" \"B\""},
    "cli_merged": {"ru": "«{other}» теперь читается как «{keep}» (запись № {id} в истории; отменить: "
                         "python -m partnerlib undo {id})",
                   "en": "«{other}» is now read as «{keep}» (history entry no. {id}; to undo: "
                         "python -m partnerlib undo {id})"},
    "cli_different": {"ru": "«{a}» и «{b}» — разные партнёры: эта пара больше не предлагается.",
                      "en": "«{a}» and «{b}» are different partners: the pair is not offered again."},
    "cli_no_aliases": {"ru": "Подтверждённых написаний нет.", "en": "No confirmed spellings."},
    "cli_alias": {"ru": "«{alias}» → «{partner}»", "en": "«{alias}» → «{partner}»"},
    # deck, report, summary (partnerlib.export_cli)
    "cli_demo_note": {"ru": "Использованы демонстрационные данные (sample_data/partnerlib_sample.xlsx): {reason}.",
                      "en": "The demo data was used (sample_data/partnerlib_sample.xlsx): {reason}."},
    "cli_demo_no_store": {"ru": "хранилище недоступно", "en": "the store is not available"},
    "cli_demo_empty": {"ru": "база пуста", "en": "the store is empty"},
    "cli_demo_store_failed": {"ru": "база не открылась ({message})", "en": "the store did not open ({message})"},
    "cli_store_failed": {"ru": "Базу не удалось открыть: {message}", "en": "Cannot open the store: {message}"},
    "cli_nothing_usable": {"ru": "нет ни партнёров, ни мероприятий", "en": "no partners and no events"},
    "cli_file_unusable": {"ru": "Файл «{name}» не удалось использовать: {messages}",
                          "en": "The file «{name}» cannot be used: {messages}"},
    "cli_deck_written": {"ru": "Презентация записана: {path}", "en": "The slide deck was written: {path}"},
    "cli_deck_pdf_written": {"ru": "Презентация записана (PDF): {path}",
                             "en": "The slide deck was written (PDF): {path}"},
    "cli_report_written": {"ru": "Отчёт записан: {path}", "en": "The report was written: {path}"},
    "cli_report_pdf_written": {"ru": "Отчёт записан (PDF): {path}", "en": "The report was written (PDF): {path}"},
    "cli_summary_written": {"ru": "Сводка записана: {path}", "en": "The summary was written: {path}"},
    "cli_site_written": {"ru": "Страница партнёров записана: {path}", "en": "The partners page was written: {path}"},
    "cli_site_file_twice": {"ru": "Укажите книгу один раз: FILE или --file.",
                            "en": "Name the workbook once: FILE or --file."},
    "cli_site_file_or_db": {"ru": "Укажите что-то одно: книгу (FILE) или базу (--db).",
                            "en": "Name one source: a workbook (FILE) or a store (--db)."},
    # The parser's help texts (argparse: a «%» would be written «%%»).
    "help.file": {"ru": "xlsx, xlsm, xls, ods или csv", "en": "xlsx, xlsm, xls, ods or csv"},
    "help.output": {"ru": "куда записать {ext}", "en": "where to write the {ext}"},
    "help.db": {"ru": "база: путь к файлу SQLite или адрес postgresql+psycopg://… (по умолчанию PARTNERLIB_DB_URL, "
                      "db_url в .streamlit/secrets.toml или data/partnerlib.db)",
                "en": "the store: a SQLite file's path or a postgresql+psycopg://… address (by default "
                      "PARTNERLIB_DB_URL, db_url in .streamlit/secrets.toml or data/partnerlib.db)"},
    "help.check": {"ru": "проверить файл: сколько прочитано, какие проблемы",
                   "en": "check a file: how much was read, what problems it has"},
    "help.check_json": {"ru": "вывести один объект JSON", "en": "print one JSON object"},
    "help.today": {"ru": "день, на который считать договоры реестра (ГГГГ-ММ-ДД; по умолчанию сегодня)",
                   "en": "the day the register's agreements are counted on (YYYY-MM-DD; default today)"},
    "cli_bad_today": {"ru": "день «{value}» не распознан: нужно ГГГГ-ММ-ДД, например 2026-12-01",
                      "en": "the day «{value}» was not recognised: YYYY-MM-DD is needed, such as 2026-12-01"},
    "help.template": {"ru": "пустой шаблон книги с выпадающими списками",
                      "en": "the empty template workbook with drop-down lists"},
    "help.sample": {"ru": "пересоздать демонстрационную книгу в sample_data/",
                    "en": "write the sample workbook in sample_data/ again"},
    "help.sample_dir": {"ru": "папка (по умолчанию sample_data/ проекта)",
                        "en": "the folder (by default the project's sample_data/)"},
    "help.map_metavar": {"ru": "ЗАГОЛОВОК=ПОЛЕ", "en": "HEADING=FIELD"},
    "help.map": {"ru": "читать столбец с этим заголовком как поле (participants, views, date, title, partner, …; "
                       "пусто — не читать); можно повторять",
                 "en": "read the column with this heading as the field (participants, views, date, title, "
                       "partner, …; nothing: do not read); may be repeated"},
    "help.map_file": {"ru": "файл JSON {{\"заголовок\": \"поле\" или null, …}}; --map дополняет его",
                      "en": "a JSON file {{\"heading\": \"field\" or null, …}}; --map adds to it"},
    "help.import": {"ru": "сохранить файл в базе: новые мероприятия и партнёры, пустые значения",
                    "en": "save a file in the store: new events and partners, empty values"},
    "help.import_yes": {"ru": "применить и изменения уже заполненных значений",
                        "en": "apply the changes of filled values too"},
    "help.history": {"ru": "история импортов", "en": "the history of imports"},
    "help.undo": {"ru": "отменить импорт по номеру", "en": "undo an import by its number"},
    "help.undo_id": {"ru": "номер импорта (см. history)", "en": "the import's number (see history)"},
    "help.undo_cascade": {"ru": "отменить и все более поздние импорты", "en": "undo every later import too"},
    "help.export": {"ru": "выгрузить всю базу в одну книгу Excel", "en": "write the whole store as one Excel workbook"},
    "help.upgrade": {"ru": "обновить схему базы до этой версии Partnerlib (и сказать, что сделано)",
                     "en": "bring the store's schema up to this release of Partnerlib (and say what was done)"},
    "help.deck": {"ru": "слайды для круглого стола (.pptx, 16:9, редактируемые диаграммы)",
                  "en": "slides for a round table (.pptx, 16:9, editable charts)"},
    "help.report": {"ru": "разделы 4.1.1 и 4.1.2 годового отчёта (.docx)",
                    "en": "sections 4.1.1 and 4.1.2 of the annual report (.docx)"},
    "help.summary": {"ru": "сводка по годам в Excel (.xlsx)", "en": "a summary by year in Excel (.xlsx)"},
    "help.year_deck": {"ru": "год (по умолчанию: последний год с мероприятиями)",
                       "en": "the year (by default the last year with events)"},
    "help.year_summary": {"ru": "год листа «Свод» по библиотекам системы (по умолчанию: последний год с "
                                "мероприятиями)",
                          "en": "the year of the «Roll-up» sheet of the system's libraries (by default the last "
                                "year with events)"},
    "help.branch": {"ru": "отчёт одной библиотеки системы (как она названа в данных, например «Филиал № 2»); "
                          "по умолчанию — вся система",
                    "en": "the report of one library of the system (as the data name it, e.g. «Branch 2»); by "
                          "default the whole system"},
    "help.year_report": {"ru": "год (по умолчанию: последний год с мероприятиями; для отчёта — все годы и весь "
                               "список партнёров)",
                         "en": "the year (by default the last year with events; for the report every year and "
                               "the whole list of partners)"},
    "help.lang": {"ru": "язык (по умолчанию ru)", "en": "the language (ru by default)"},
    "help.export_file": {"ru": "прочитать данные из этой книги (xlsx, xls, ods, csv)",
                         "en": "read the data from this workbook (xlsx, xls, ods, csv)"},
    "help.export_db": {"ru": "база (путь к SQLite или адрес PostgreSQL); по умолчанию — база Partnerlib, а если она "
                             "пуста — демонстрационные данные",
                       "en": "the store (a SQLite path or a PostgreSQL address); by default the Partnerlib store, "
                             "or the demo data when it is empty"},
    "help.pdf_deck": {"ru": "записать PDF вместо .pptx (делает LibreOffice; так же, если имя в -o оканчивается на "
                            ".pdf); слайды 16:9, шрифты встроены",
                      "en": "write a PDF instead of the .pptx (made by LibreOffice; also when the -o name ends in "
                            ".pdf); 16:9 slides, fonts embedded"},
    "help.pdf_report": {"ru": "записать PDF вместо .docx (делает LibreOffice; так же, если имя в -o оканчивается на "
                              ".pdf); страницы A4, шрифты встроены",
                        "en": "write a PDF instead of the .docx (made by LibreOffice; also when the -o name ends in "
                              ".pdf); A4 pages, fonts embedded"},
    "help.library": {"ru": "название библиотеки (и город) для титула; по умолчанию — заданное на странице «Данные» и "
                           "сохранённое в базе, иначе — из данных",
                     "en": "the library's name (and city) for the title; by default the one set on the «Data» page "
                           "and kept in the store, else the data's"},
    "help.site": {"ru": "страница партнёров для сайта библиотеки (один файл .html, без сервера)",
                  "en": "the page of partners for the library's website (one .html file, no server)"},
    "help.site_output": {"ru": "папка, куда записать {name} (или имя файла, оканчивающееся на .html)",
                         "en": "the folder to write {name} into (or a file name ending in .html)"},
    "help.site_file": {"ru": "то же, что FILE", "en": "the same as FILE"},
    "help.site_year": {"ru": "год главных цифр и примеров (по умолчанию: последний год с мероприятиями)",
                       "en": "the year of the key figures and examples (by default the latest year with events)"},
    "help.site_library": {"ru": "название библиотеки (и город) в заголовке; по умолчанию — заданное на странице "
                                "«Данные» и сохранённое в базе, иначе — из данных",
                          "en": "the library's name (and city) heading the page; by default the one set on the "
                                "«Data» page and kept in the store, else the data's"},
    "help.partners": {"ru": "названия партнёров: возможные повторы, объединение, псевдонимы",
                      "en": "partner names: possible repeats, merges, aliases"},
    "help.duplicates": {"ru": "похожие названия партнёров в базе (или файла и базы)",
                        "en": "partner names alike in the store (or in a file and the store)"},
    "help.duplicates_file": {"ru": "сравнить с базой названия из этой книги",
                             "en": "compare this workbook's names with the store's"},
    "help.duplicates_json": {"ru": "вывести список JSON [{{a, b, score}}]",
                             "en": "print a JSON list [{{a, b, score}}]"},
    "help.merge": {"ru": "подтвердить, что OTHER — тот же партнёр, что KEEP (отменяется undo)",
                   "en": "confirm that OTHER is the same partner as KEEP (undo takes it back)"},
    "help.merge_keep": {"ru": "название, которое остаётся", "en": "the name that stays"},
    "help.merge_other": {"ru": "другое написание того же партнёра", "en": "another spelling of the same partner"},
    "help.different": {"ru": "отметить, что A и B — разные партнёры (больше не предлагать)",
                       "en": "mark A and B as different partners (not offered again)"},
    "help.aliases": {"ru": "подтверждённые написания: какое название читается как какое",
                     "en": "the confirmed spellings: which name is read as which"},
    "cli_no_branch": {"ru": "В данных нет библиотеки «{name}»; названы: {known}.",
                      "en": "The data name no library «{name}»; they name: {known}."},
    "cli_no_branches": {"ru": "ни одной", "en": "none"},
    # argparse's own words: the English is argparse's message as it asks gettext for it (partnerlib.cli).
    "argparse.usage": {"ru": "использование: ", "en": "usage: "},
    "argparse.positionals": {"ru": "позиционные аргументы", "en": "positional arguments"},
    "argparse.options": {"ru": "параметры", "en": "options"},
    "argparse.help": {"ru": "показать эту справку и выйти", "en": "show this help message and exit"},
    "argparse.error": {"ru": "%(prog)s: ошибка: %(message)s\n", "en": "%(prog)s: error: %(message)s\n"},
    "argparse.argument": {"ru": "аргумент %(argument_name)s: %(message)s",
                          "en": "argument %(argument_name)s: %(message)s"},
    "argparse.required": {"ru": "нужно указать: %s", "en": "the following arguments are required: %s"},
    "argparse.one_required": {"ru": "нужно указать один из аргументов: %s",
                              "en": "one of the arguments %s is required"},
    "argparse.unrecognized": {"ru": "неизвестные аргументы: %s", "en": "unrecognized arguments: %s"},
    "argparse.not_allowed": {"ru": "нельзя вместе с аргументом %s", "en": "not allowed with argument %s"},
    "argparse.expected_one": {"ru": "нужно одно значение", "en": "expected one argument"},
    "argparse.expected_at_most_one": {"ru": "нужно не больше одного значения",
                                      "en": "expected at most one argument"},
    "argparse.expected_at_least_one": {"ru": "нужно хотя бы одно значение", "en": "expected at least one argument"},
    "argparse.ambiguous": {"ru": "неоднозначный параметр: %(option)s подходит к %(matches)s",
                           "en": "ambiguous option: %(option)s could match %(matches)s"},
    "argparse.invalid_choice": {"ru": "недопустимое значение: %(value)r (можно: %(choices)s)",
                                "en": "invalid choice: %(value)r (choose from %(choices)s)"},
    "argparse.invalid_value": {"ru": "недопустимое значение (%(type)s): %(value)r",
                               "en": "invalid %(type)s value: %(value)r"},
    "argparse.cannot_open": {"ru": "не удаётся открыть «%(filename)s»: %(error)s",
                             "en": "can't open '%(filename)s': %(error)s"},
}


def cli(key: str, lang: str = DEFAULT_LANG, **params) -> str:
    """A text of the command line (CLI_TEXTS), filled with `params`."""
    return CLI_TEXTS[key][lang].format(**params)


class Phrase(str):
    """A text of the catalogue given as the value of another text's placeholder (a problem's {detail}): the
    Russian text as a str, and the text in any language by `in_lang`, so a message made in Russian can be told
    in English whole."""

    key: str
    params: dict

    def __new__(cls, key: str, **params):
        phrase = super().__new__(cls, t(key, DEFAULT_LANG, **params))
        phrase.key, phrase.params = key, params
        return phrase

    def __reduce__(self):  # the reader's worker process sends problems to the server
        return _phrase, (self.key, self.params)

    def in_lang(self, lang: str) -> str:
        return t(self.key, lang, **{k: told(v, lang) for k, v in self.params.items()})


def _phrase(key: str, params: dict) -> Phrase:
    return Phrase(key, **params)


def told(value, lang: str):
    """A placeholder's value in `lang`: a Phrase in that language, anything else as it is."""
    return value.in_lang(lang) if isinstance(value, Phrase) else value


def catalogue() -> dict[str, dict[str, str]]:
    """Every text a user reads, by key, in both languages: the interface, the command line, the problems of a
    file, the store's, the settings' and the PDF maker's errors, the store's migrations, the headings of the
    model's fields. Keys of the last ones are prefixed ("problem.", "store.", "config.", "pdf.", "migration.",
    "heading.")."""
    from partnerlib import errors, pdf, settings
    from partnerlib.store.errors import STORE_MESSAGES
    from partnerlib.store.schema import MIGRATIONS

    out = {**TEXTS, **CLI_TEXTS}
    for prefix, messages in (("problem", errors.MESSAGES), ("store", STORE_MESSAGES),
                             ("config", settings.CONFIG_MESSAGES), ("pdf", pdf.MESSAGES)):
        out.update({f"{prefix}.{code}": {"ru": ru, "en": en} for code, (ru, en) in messages.items()})
    out.update({f"migration.{m.name}": {"ru": m.ru, "en": m.en} for m in MIGRATIONS})
    # The headings of the sheets Partnerlib writes, declared with their fields.
    out.update({f"heading.{table}.{f.name}": {"ru": f.ru, "en": f.en}
                for table, fields in model.FIELDS.items() for f in fields if f.ru})
    return out


def t(key: str, lang: str = DEFAULT_LANG, **params) -> str:
    """The text `key` in `lang`, with `{placeholders}` filled; an unknown key is returned as is."""
    entry = TEXTS.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**params) if params else text


def plural(n: int, key: str, lang: str = DEFAULT_LANG) -> str:
    """The form of the word `key` that goes with the number `n`: its forms are written «one|few|many» in
    Russian (1 партнёр, 2 партнёра, 5 партнёров) and «one|other» or a single form in English."""
    forms = t(key, lang).split("|")
    if len(forms) == 3:
        return fmt.plural_ru(n, *forms)
    return forms[0] if len(forms) == 1 or abs(int(n)) == 1 else forms[1]


def format_label(key: str, lang: str = DEFAULT_LANG) -> str:
    """online -> «онлайн» / «online»."""
    return t(f"format_{key}", lang)


def category_name(key: object, lang: str = DEFAULT_LANG) -> str:
    """A category key as its label; the events without a category as «Без категории»."""
    if key is None or key == model.NO_CATEGORY or (isinstance(key, float) and key != key):
        return t("no_category", lang)
    return category_label(key, lang)


def level_name(key: object, lang: str = DEFAULT_LANG) -> str:
    """A level key as its label (empty for a missing level)."""
    if key is None or (isinstance(key, float) and key != key):
        return ""
    return level_label(key, lang)


def agreement_name(key: object, lang: str = DEFAULT_LANG) -> str:
    """An agreement kind as its label: contract -> «договор» / «contract» (empty for a missing one)."""
    if key is None or (isinstance(key, float) and key != key):
        return ""
    return t(f"agreement_{key}", lang)


def column_label(name: str, lang: str = DEFAULT_LANG) -> str:
    """The heading of a table column in `lang`."""
    return t(f"col_{name}", lang) if f"col_{name}" in TEXTS else name
