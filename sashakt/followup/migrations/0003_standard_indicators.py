# The indicators every state follows: the Panchayat Advancement Index (total, nine theme
# scores, grade) and three the department asked for. Re-runnable: existing rows are kept as
# the state cell may have edited them.
from django.db import migrations

THEMES = [
    ("poverty_free", "गरीबी मुक्त और उन्नत आजीविका वाली पंचायत",
     "Poverty-free and enhanced livelihoods Panchayat", "poverty free|livelihood|गरीबी|आजीविका"),
    ("healthy", "स्वस्थ पंचायत", "Healthy Panchayat", "healthy|health|स्वस्थ|स्वास्थ्य"),
    ("child_friendly", "बाल हितैषी पंचायत", "Child-friendly Panchayat",
     "child friendly|child|बाल हितैषी|बाल"),
    ("water_sufficient", "जल पर्याप्त पंचायत", "Water-sufficient Panchayat",
     "water sufficient|water|जल पर्याप्त|जल"),
    ("clean_green", "स्वच्छ और हरित पंचायत", "Clean and green Panchayat",
     "clean and green|clean green|स्वच्छ और हरित|स्वच्छ हरित"),
    ("infrastructure", "आत्मनिर्भर बुनियादी ढांचे वाली पंचायत",
     "Panchayat with self-sufficient infrastructure",
     "self sufficient infrastructure|infrastructure|बुनियादी ढांचा|आत्मनिर्भर बुनियादी ढांचा"),
    ("socially_just", "सामाजिक रूप से न्यायसंगत और सुरक्षित पंचायत",
     "Socially just and socially secured Panchayat",
     "socially just and secure|socially just|सामाजिक रूप से न्यायसंगत|सामाजिक न्याय"),
    ("good_governance", "सुशासन वाली पंचायत", "Panchayat with good governance",
     "good governance|सुशासन"),
    ("women_friendly", "महिला हितैषी पंचायत", "Women-friendly Panchayat",
     "women friendly|women|महिला हितैषी|महिला"),
]


def indicators():
    yield {
        "code": "pai_total", "name_hi": "पंचायत उन्नति सूचकांक (कुल अंक)",
        "name_en": "Panchayat Advancement Index (total score)", "unit_hi": "अंक",
        "unit_en": "points", "kind": "number", "theme": "", "minimum": 0, "maximum": 100,
        "aliases": "total\nकुल\noverall\ncomposite\nकुल योग\npai", "order": 1,
    }
    for number, (theme, hindi, english, words) in enumerate(THEMES, start=1):
        aliases = [f"theme {number}", f"थीम {number}", f"lsdg {number}", f"विषय {number}",
                   f"t{number}", f"lsdg theme {number}", *words.split("|")]
        yield {
            "code": f"pai_{theme}", "name_hi": f"पीएआई: {hindi}", "name_en": f"PAI: {english}",
            "unit_hi": "अंक", "unit_en": "points", "kind": "number", "theme": theme,
            "minimum": 0, "maximum": 100, "aliases": "\n".join(aliases), "order": 1 + number,
        }
    yield {
        "code": "pai_grade", "name_hi": "पंचायत उन्नति सूचकांक ग्रेड",
        "name_en": "Panchayat Advancement Index grade", "kind": "grade", "theme": "",
        "aliases": "grade\nग्रेड\nश्रेणी\ncategory", "order": 11,
    }
    yield {
        "code": "own_source_revenue", "name_hi": "स्वयं के स्रोत से आय",
        "name_en": "Own-source revenue", "unit_hi": "रुपये", "unit_en": "rupees",
        "kind": "number", "theme": "good_governance", "minimum": 0,
        "aliases": "osr\nown source revenue\nनिजी आय\nस्वयं की आय", "order": 20,
    }
    yield {
        "code": "gpdp_approved", "name_hi": "जीपीडीपी स्वीकृत (1 = हाँ, 0 = नहीं)",
        "name_en": "GPDP approved (1 = yes, 0 = no)", "kind": "number",
        "theme": "good_governance", "minimum": 0, "maximum": 1,
        "aliases": "gpdp\ngpdp approved\nजीपीडीपी\nग्राम पंचायत विकास योजना", "order": 21,
    }
    yield {
        "code": "gram_sabhas_held", "name_hi": "आयोजित ग्राम सभाएँ", "name_en": "Gram Sabhas held",
        "unit_hi": "बैठकें", "unit_en": "meetings", "kind": "number",
        "theme": "good_governance", "minimum": 0,
        "aliases": "gram sabha\ngram sabhas\nग्राम सभा\nग्राम सभा बैठकें", "order": 22,
    }


def add_indicators(apps, schema_editor):
    Indicator = apps.get_model("followup", "Indicator")
    for values in indicators():
        code = values.pop("code")
        Indicator.objects.get_or_create(code=code, defaults=values)


class Migration(migrations.Migration):
    dependencies = [("followup", "0002_outcomes_library")]
    operations = [migrations.RunPython(add_indicators, migrations.RunPython.noop)]
