"""Default texts of the generated documents (an administrator edits them as ``DocumentTemplate`` rows).

Placeholders in braces are filled from the record: {student}, {faculty}, {programme}, {year}, {host},
{country}, {start}, {end}, {purpose}, {language}, {funding}, {number}, {date}, {gpa}, {staff}, {term}.
"""

DEFAULTS: dict[str, dict[str, str]] = {
    "application": {
        "title_ky": "Академиялык мобилдүүлүккө катышуу жөнүндө арыз",
        "title_ru": "Заявление об участии в академической мобильности",
        "title_en": "Application for academic mobility",
        "body_ky": "Факультеттин деканына\n{faculty}\n{year}-курстун студенти {student}\n\nАРЫЗ\n\nМени {start} – {end} мезгилинде {host} ({country}) окуу жайына академиялык мобилдүүлүккө жиберүүңүздү суранам.\nМаксаты: {purpose}. Окутуу тили: {language}. Адистиги: {programme}. Болжолдуу каржылоо булагы: {funding}.\n\nКүнү: {date}                Колу: ________",
        "body_ru": "Декану факультета\n{faculty}\nот студента {year} курса {student}\n\nЗАЯВЛЕНИЕ\n\nПрошу направить меня для участия в академической мобильности в {host} ({country}) на период {start} – {end}.\nЦель: {purpose}. Язык обучения: {language}. Специальность: {programme}. Предполагаемый источник финансирования: {funding}.\n\nДата: {date}                Подпись: ________",
        "body_en": "To the Dean of the {faculty}\nfrom {student}, year {year}\n\nAPPLICATION\n\nI apply for academic mobility at {host} ({country}) from {start} to {end}.\nPurpose: {purpose}. Language of instruction: {language}. Specialty: {programme}. Expected funding: {funding}.\n\nDate: {date}                Signature: ________",
    },
    "nomination": {
        "title_ky": "Сунуштама (1-тиркеме)",
        "title_ru": "Представление (Приложение 1)",
        "title_en": "Nomination (Appendix 1)",
        "body_ky": "Эл аралык байланыштар департаментине\n\n{faculty} {student} (GPA {gpa}) студентин {host} окуу жайына {start} – {end} мезгилине академиялык мобилдүүлүккө сунуштайт. Жекече окуу планы (2-тиркеме) тиркелет.\n\nДекан: ________   {date}",
        "body_ru": "В Департамент международных связей\n\n{faculty} представляет студента {student} (GPA {gpa}) для академической мобильности в {host} на период {start} – {end}. Индивидуальный учебный план (Приложение 2) прилагается.\n\nДекан: ________   {date}",
        "body_en": "To the International Relations Department\n\nThe {faculty} nominates {student} (GPA {gpa}) for academic mobility at {host} from {start} to {end}. The individual study plan (Appendix 2) is attached.\n\nDean: ________   {date}",
    },
    "isp": {
        "title_ky": "Жекече окуу план (2-тиркеме)",
        "title_ru": "Индивидуальный учебный план (Приложение 2)",
        "title_en": "Individual study plan (Appendix 2)",
        "body_ky": "Студент: {student}\nКабыл алуучу окуу жай: {host}\nМезгили: {start} – {end}\n\n{items}",
        "body_ru": "Студент: {student}\nПринимающий вуз: {host}\nПериод: {start} – {end}\n\n{items}",
        "body_en": "Student: {student}\nHost institution: {host}\nPeriod: {start} – {end}\n\n{items}",
    },
    "departure-order": {
        "title_ky": "Буйрук № {number}",
        "title_ru": "Приказ № {number}",
        "title_en": "Order No. {number}",
        "body_ky": "Академиялык мобилдүүлүк боюнча чакыруу катынын жана жекече окуу пландын негизинде:\n\n{faculty} {student} студенти {start} – {end} мезгилине {host} ({country}) окуу жайына академиялык мобилдүүлүккө жиберилсин. Бюджеттик негизде окуган студенттин стипендиясы сакталат.",
        "body_ru": "На основании пригласительного письма и индивидуального учебного плана:\n\nНаправить студента {faculty} {student} для академической мобильности в {host} ({country}) на период {start} – {end}. Стипендия студента, обучающегося на бюджетной основе, сохраняется.",
        "body_en": "On the basis of the invitation letter and the individual study plan:\n\n{student} ({faculty}) is sent on academic mobility to {host} ({country}) from {start} to {end}. A budget student keeps the stipend.",
    },
    "return-order": {
        "title_ky": "Буйрук № {number}", "title_ru": "Приказ № {number}", "title_en": "Order No. {number}",
        "body_ky": "{faculty} {student} студенти {host} окуу жайындагы академиялык мобилдүүлүктөн кайтып келгендиги жана окуусун улантары эсептелсин.",
        "body_ru": "Считать студента {faculty} {student} вернувшимся из академической мобильности в {host} и продолжившим обучение.",
        "body_en": "{student} ({faculty}) has returned from academic mobility at {host} and continues the studies.",
    },
    "recognition-sheet": {
        "title_ky": "Кредиттерди таануу боюнча чечим", "title_ru": "Решение о признании кредитов", "title_en": "Recognition decision sheet",
        "body_ky": "Студент: {student}\nКабыл алуучу окуу жай: {host}\n\n{items}\n\nДекан: ________   {date}",
        "body_ru": "Студент: {student}\nПринимающий вуз: {host}\n\n{items}\n\nДекан: ________   {date}",
        "body_en": "Student: {student}\nHost institution: {host}\n\n{items}\n\nDean: ________   {date}",
    },
    "trip-report": {
        "title_ky": "Сапар боюнча отчет (4-тиркеме)", "title_ru": "Отчёт о поездке (Приложение 4)", "title_en": "Trip report (Appendix 4)",
        "body_ky": "Студент: {student}\nОкуу жай: {host}, {start} – {end}\n\nТаасирлер жана алган тажрыйба:\n{report}",
        "body_ru": "Студент: {student}\nВуз: {host}, {start} – {end}\n\nВпечатления и полученный опыт:\n{report}",
        "body_en": "Student: {student}\nInstitution: {host}, {start} – {end}\n\nImpressions and experience gained:\n{report}",
    },
    "trip-application": {
        "title_ky": "Ректордун атына арыз", "title_ru": "Заявление на имя ректора", "title_en": "Application to the rector",
        "body_ky": "ОшМУнун ректоруна\n{staff}\n\nАРЫЗ\n\nМени {start} – {end} мезгилинде {host} ({country}) иш сапарга жиберүүңүздү суранам. Максаты: {purpose}. Каржылоо: {funding}.\n{date}",
        "body_ru": "Ректору ОшГУ\nот {staff}\n\nЗАЯВЛЕНИЕ\n\nПрошу направить меня в командировку в {host} ({country}) на период {start} – {end}. Цель: {purpose}. Финансирование: {funding}.\n{date}",
        "body_en": "To the Rector of Osh State University\nfrom {staff}\n\nAPPLICATION\n\nI ask to be sent on a business trip to {host} ({country}) from {start} to {end}. Purpose: {purpose}. Funding: {funding}.\n{date}",
    },
    "trip-order": {
        "title_ky": "Буйрук № {number}", "title_ru": "Приказ № {number}", "title_en": "Order No. {number}",
        "body_ky": "{staff} {start} – {end} мезгилине {host} ({country}) иш сапарга жиберилсин. Максаты: {purpose}. Каржылоо: {funding}.",
        "body_ru": "Направить {staff} в командировку в {host} ({country}) на период {start} – {end}. Цель: {purpose}. Финансирование: {funding}.",
        "body_en": "{staff} is sent on a business trip to {host} ({country}) from {start} to {end}. Purpose: {purpose}. Funding: {funding}.",
    },
}
