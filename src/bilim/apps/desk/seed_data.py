"""Static reference lists for the demo data (names in ky/ru/en/tr, partners, people's names)."""

from __future__ import annotations

# (code, ky, ru, en, tr)
OSHSU_FACULTIES = [
    ("med", "Эл аралык медицина факультети", "Международный медицинский факультет", "International Medical Faculty", "Uluslararası Tıp Fakültesi"),
    ("mf", "Медицина факультети", "Медицинский факультет", "Faculty of Medicine", "Tıp Fakültesi"),
    ("law", "Юридикалык факультет", "Юридический факультет", "Faculty of Law", "Hukuk Fakültesi"),
    ("econ", "Экономика жана финансы факультети", "Факультет экономики и финансов", "Faculty of Economics and Finance", "İktisat ve Finans Fakültesi"),
    ("phil", "Кыргыз филологиясы факультети", "Факультет кыргызской филологии", "Faculty of Kyrgyz Philology", "Kırgız Filolojisi Fakültesi"),
    ("rus", "Орус филологиясы факультети", "Факультет русской филологии", "Faculty of Russian Philology", "Rus Filolojisi Fakültesi"),
    ("wl", "Дүйнөлүк тилдер жана маданият факультети", "Факультет мировых языков и культуры", "Faculty of World Languages and Culture", "Dünya Dilleri ve Kültürü Fakültesi"),
    ("hist", "Тарых факультети", "Исторический факультет", "Faculty of History", "Tarih Fakültesi"),
    ("math", "Математика жана информатика факультети", "Факультет математики и информатики", "Faculty of Mathematics and Informatics", "Matematik ve Bilişim Fakültesi"),
    ("phys", "Физика-техникалык факультет", "Физико-технический факультет", "Faculty of Physics and Technology", "Fizik ve Teknoloji Fakültesi"),
    ("bio", "Табигый илимдер жана география факультети", "Факультет естественных наук и географии", "Faculty of Natural Sciences and Geography", "Doğa Bilimleri ve Coğrafya Fakültesi"),
    ("ped", "Педагогика жана психология факультети", "Факультет педагогики и психологии", "Faculty of Pedagogy and Psychology", "Pedagoji ve Psikoloji Fakültesi"),
    ("art", "Искусство факультети", "Факультет искусств", "Faculty of Arts", "Sanat Fakültesi"),
    ("sport", "Дене тарбия жана спорт факультети", "Факультет физической культуры и спорта", "Faculty of Physical Education and Sport", "Beden Eğitimi ve Spor Fakültesi"),
    ("jour", "Журналистика факультети", "Факультет журналистики", "Faculty of Journalism", "Gazetecilik Fakültesi"),
    ("it", "Маалыматтык технологиялар факультети", "Факультет информационных технологий", "Faculty of Information Technology", "Bilgi Teknolojileri Fakültesi"),
    ("biz", "Бизнес жана менеджмент факультети", "Факультет бизнеса и менеджмента", "Faculty of Business and Management", "İşletme ve Yönetim Fakültesi"),
    ("tour", "Туризм жана меймандостук факультети", "Факультет туризма и гостеприимства", "Faculty of Tourism and Hospitality", "Turizm ve Otelcilik Fakültesi"),
    ("ir", "Эл аралык мамилелер факультети", "Факультет международных отношений", "Faculty of International Relations", "Uluslararası İlişkiler Fakültesi"),
    ("agro", "Агрардык факультет", "Аграрный факультет", "Faculty of Agriculture", "Ziraat Fakültesi"),
]

# KTMU institutes and their fields of science/arts (FoS)
KTMU_INSTITUTES = [
    ("fbe", "Табигый илимдер институту", "Институт естественных наук", "Institute of Natural Sciences", "Fen Bilimleri Enstitüsü",
     [("cs", "Компьютердик инженерия", "Компьютерная инженерия", "Computer Engineering", "Bilgisayar Mühendisliği"),
      ("chem", "Химия", "Химия", "Chemistry", "Kimya"),
      ("ecol", "Экология", "Экология", "Ecology", "Ekoloji")]),
    ("sbe", "Социалдык илимдер институту", "Институт социальных наук", "Institute of Social Sciences", "Sosyal Bilimler Enstitüsü",
     [("econ", "Экономика", "Экономика", "Economics", "İktisat"),
      ("hist", "Тарых", "История", "History", "Tarih"),
      ("turk", "Түрк тили жана адабияты", "Турецкий язык и литература", "Turkish Language and Literature", "Türk Dili ve Edebiyatı")]),
    ("gse", "Көркөм өнөр институту", "Институт искусств", "Institute of Fine Arts", "Güzel Sanatlar Enstitüsü",
     [("music", "Музыка", "Музыка", "Music", "Müzik"),
      ("paint", "Сүрөт", "Живопись", "Painting", "Resim")]),
]

# (code, name_en, country, city, website, erasmus_code)
PARTNERS = [
    ("ankara", "Ankara University", "TR", "Ankara", "https://www.ankara.edu.tr", "TR ANKARA01"),
    ("gazi", "Gazi University", "TR", "Ankara", "https://gazi.edu.tr", "TR ANKARA02"),
    ("istanbul", "Istanbul University", "TR", "Istanbul", "https://www.istanbul.edu.tr", "TR ISTANBU01"),
    ("ege", "Ege University", "TR", "Izmir", "https://ege.edu.tr", "TR IZMIR02"),
    ("erciyes", "Erciyes University", "TR", "Kayseri", "https://www.erciyes.edu.tr", "TR KAYSERI01"),
    ("selcuk", "Selçuk University", "TR", "Konya", "https://www.selcuk.edu.tr", "TR KONYA01"),
    ("ataturk", "Atatürk University", "TR", "Erzurum", "https://www.atauni.edu.tr", "TR ERZURUM01"),
    ("pamukkale", "Pamukkale University", "TR", "Denizli", "https://www.pau.edu.tr", "TR DENIZLI01"),
    ("kaznu", "Al-Farabi Kazakh National University", "KZ", "Almaty", "https://www.kaznu.kz", ""),
    ("enu", "L.N. Gumilyov Eurasian National University", "KZ", "Astana", "https://enu.kz", ""),
    ("yassawi", "Khoja Akhmet Yassawi International Kazakh-Turkish University", "KZ", "Turkistan", "https://ayu.edu.kz", ""),
    ("msu", "Lomonosov Moscow State University", "RU", "Moscow", "https://www.msu.ru", ""),
    ("spbu", "Saint Petersburg State University", "RU", "Saint Petersburg", "https://spbu.ru", ""),
    ("kfu", "Kazan Federal University", "RU", "Kazan", "https://kpfu.ru", ""),
    ("nsu", "Novosibirsk State University", "RU", "Novosibirsk", "https://www.nsu.ru", ""),
    ("hu-berlin", "Humboldt University of Berlin", "DE", "Berlin", "https://www.hu-berlin.de", "D BERLIN13"),
    ("lmu", "Ludwig Maximilian University of Munich", "DE", "Munich", "https://www.lmu.de", "D MUNCHEN01"),
    ("heidelberg", "Heidelberg University", "DE", "Heidelberg", "https://www.uni-heidelberg.de", "D HEIDELB01"),
    ("leipzig", "Leipzig University", "DE", "Leipzig", "https://www.uni-leipzig.de", "D LEIPZIG01"),
    ("snu", "Seoul National University", "KR", "Seoul", "https://www.snu.ac.kr", ""),
    ("korea-u", "Korea University", "KR", "Seoul", "https://www.korea.edu", ""),
    ("pusan", "Pusan National University", "KR", "Busan", "https://www.pusan.ac.kr", ""),
    ("peking", "Peking University", "CN", "Beijing", "https://www.pku.edu.cn", ""),
    ("xinjiang", "Xinjiang University", "CN", "Urumqi", "https://www.xju.edu.cn", ""),
    ("lanzhou", "Lanzhou University", "CN", "Lanzhou", "https://www.lzu.edu.cn", ""),
    ("uw", "University of Warsaw", "PL", "Warsaw", "https://www.uw.edu.pl", "PL WARSZAW01"),
    ("uj", "Jagiellonian University", "PL", "Kraków", "https://www.uj.edu.pl", "PL KRAKOW01"),
    ("lodz", "University of Lodz", "PL", "Łódź", "https://www.uni.lodz.pl", "PL LODZ01"),
    ("vilnius", "Vilnius University", "LT", "Vilnius", "https://www.vu.lt", "LT VILNIUS01"),
    ("tartu", "University of Tartu", "EE", "Tartu", "https://ut.ee", "EE TARTU02"),
    ("elte", "Eötvös Loránd University", "HU", "Budapest", "https://www.elte.hu", "HU BUDAPES01"),
    ("nuu", "National University of Uzbekistan", "UZ", "Tashkent", "https://nuu.uz", ""),
    ("samdu", "Samarkand State University", "UZ", "Samarkand", "https://samdu.uz", ""),
    ("tnu", "Tajik National University", "TJ", "Dushanbe", "https://tnu.tj", ""),
    ("jnu", "Jawaharlal Nehru University", "IN", "New Delhi", "https://www.jnu.ac.in", ""),
    ("tsukuba", "University of Tsukuba", "JP", "Tsukuba", "https://www.tsukuba.ac.jp", ""),
    ("knu", "Jusup Balasagyn Kyrgyz National University", "KG", "Bishkek", "https://knu.kg", ""),
    ("ksucta", "Kyrgyz State University of Construction, Transport and Architecture", "KG", "Bishkek", "https://ksucta.kg", ""),
    ("jasu", "Jalal-Abad State University", "KG", "Jalal-Abad", "https://jagu.kg", ""),
    ("batken", "Batken State University", "KG", "Batken", "https://batsu.kg", ""),
    ("naryn", "Naryn State University", "KG", "Naryn", "https://nsu.kg", ""),
]

# funding programme per partner country (demo)
PROGRAMME_BY_COUNTRY = {
    "TR": "mevlana", "KZ": "orhun", "RU": "ministry", "DE": "daad", "KR": "own_budget", "CN": "sco_university",
    "PL": "erasmus_plus", "LT": "erasmus_plus", "EE": "erasmus_plus", "HU": "erasmus_plus", "UZ": "osh_declaration",
    "TJ": "osh_declaration", "IN": "itec", "JP": "other", "KG": "osh_declaration",
}

# Kyrgyz given names and surnames with their passport (Latin) spelling
MALE_NAMES = [("Азамат", "Azamat"), ("Бакыт", "Bakyt"), ("Эрлан", "Erlan"), ("Нурлан", "Nurlan"), ("Таалай", "Taalai"),
              ("Үмөт", "Umot"), ("Өмүрбек", "Omurbek"), ("Чыңгыз", "Chyngyz"), ("Айбек", "Aibek"), ("Данияр", "Daniiar"),
              ("Исмаил", "Ismail"), ("Жаңыбек", "Zhanybek"), ("Марат", "Marat"), ("Тилек", "Tilek"), ("Элдияр", "Eldiiar")]
FEMALE_NAMES = [("Айгүл", "Aigul"), ("Бермет", "Bermet"), ("Гүлзат", "Gulzat"), ("Жылдыз", "Zhyldyz"), ("Нургүл", "Nurgul"),
                ("Өмүркан", "Omurkan"), ("Асель", "Asel"), ("Айпери", "Aiperi"), ("Чолпон", "Cholpon"), ("Мээрим", "Meerim"),
                ("Салтанат", "Saltanat"), ("Айжан", "Aizhan"), ("Күндүз", "Kunduz"),
                ("Нуриза", "Nuriza"), ("Элиза", "Eliza")]
SURNAMES = [("Абдыкадыров", "Abdykadyrov"), ("Токтогулов", "Toktogulov"), ("Жумабеков", "Zhumabekov"), ("Осмонов", "Osmonov"),
            ("Сыдыков", "Sydykov"), ("Мамытов", "Mamytov"), ("Бекмуратов", "Bekmuratov"), ("Турдубаев", "Turdubaev"),
            ("Үсөнов", "Usonov"), ("Өмүралиев", "Omuraliev"), ("Ташиев", "Tashiev"), ("Асанов", "Asanov"),
            ("Кадыров", "Kadyrov"), ("Эшматов", "Eshmatov"), ("Нуралиев", "Nuraliev"), ("Чыңгышев", "Chyngyshev"),
            ("Карабаев", "Karabaev"), ("Алымбеков", "Alymbekov"), ("Сатыбалдиев", "Satybaldiev"), ("Жээнбеков", "Zheenbekov")]

COURSE_TOPICS = [
    ("Introduction to the discipline", "Адистикке киришүү", "Введение в специальность", "Bölüme giriş"),
    ("Research methods", "Илимий изилдөө ыкмалары", "Методы научных исследований", "Araştırma yöntemleri"),
    ("Academic writing", "Академиялык жазуу", "Академическое письмо", "Akademik yazım"),
    ("Statistics", "Статистика", "Статистика", "İstatistik"),
    ("Information technologies", "Маалыматтык технологиялар", "Информационные технологии", "Bilişim teknolojileri"),
    ("History of Kyrgyzstan", "Кыргызстандын тарыхы", "История Кыргызстана", "Kırgızistan tarihi"),
    ("Professional English", "Кесиптик англис тили", "Профессиональный английский язык", "Mesleki İngilizce"),
    ("Theory of the field", "Тармактын теориясы", "Теория отрасли", "Alan kuramı"),
    ("Applied practice", "Колдонмо практика", "Прикладная практика", "Uygulamalı pratik"),
    ("Seminar", "Семинар", "Семинар", "Seminer"),
    ("Special topics", "Атайын темалар", "Специальные темы", "Özel konular"),
    ("Ethics of research", "Илимий этика", "Этика научных исследований", "Araştırma etiği"),
]
