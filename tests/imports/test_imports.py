"""Bulk import and export of students, staff, programmes, courses, offerings and grades (issue 11, "Bring data in").

A valid file writes every row (each with an audit row); one bad row writes nothing and says which row, which
column and what is wrong in the reader's language; AVN/1C headers in Kyrgyz, Russian or English are understood;
what Bilim exports imports again unchanged; grades get their letter from the grading table in force on the exam
date, through the same rules as a grade typed by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from openpyxl import Workbook, load_workbook

from bilim.apps.audit.models import AuditEvent
from bilim.apps.curriculum.models import Course, Offering, Programme, Term
from bilim.apps.imports.kinds import KINDS
from bilim.apps.imports.services import import_check, import_run
from bilim.apps.imports.tables import read_table
from bilim.apps.people.models import Staff, Student
from bilim.apps.records.models import Grade
from bilim.regulations.postgrad import grading

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Any]:
    from bilim.apps.desk.seed import run

    with django_db_blocker.unblock():
        ctx = run(students=20, quiet=True)
    yield ctx
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def xlsx(header: list[str], rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for r in rows:
        sheet.append(r)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def headers(kind: str, lang: str) -> list[str]:
    with translation.override(lang):
        return [str(c.label) for c in KINDS[kind].columns]


def student_row(number: str, last: str, programme: str = "math-ba", **extra: Any) -> list[Any]:
    row = {"student_number": number, "last_name": last, "first_name": "Айгүл", "patronymic": "", "birth_date": "12.03.2005",
           "citizenship": "KG", "email": f"{number.lower()}@example.kg", "institution": "oshsu", "programme": programme,
           "year_of_study": 2, "semester": 3, "funding": "Келишим", "tuition_debt": "1500,50", "admitted_on": "2024-09-01", **extra}
    return [row.get(c.key, "") for c in KINDS["students"].columns]


def run(actor: Any, kind: str, name: str, data: bytes) -> Any:
    header, rows = read_table(name, data)
    return import_run(actor=actor, kind=kind, header=header, rows=rows)


def test_students_valid_xlsx_writes_every_row_with_an_audit_row(seeded: Any) -> None:
    dean = seeded.users["dean_office"]
    data = xlsx(headers("students", "ky"), [student_row("IMP-0001", "Асанова"), student_row("IMP-0002", "Бекова"),
                                            student_row("IMP-0003", "Токтосунова", "math-ma")])
    events = AuditEvent.objects.count()
    report = run(dean, "students", "students.xlsx", data)
    assert report.written and report.counts() == {"created": 3, "updated": 0, "unchanged": 0}
    s = Student.objects.select_related("person", "unit", "programme").get(student_number="IMP-0003")
    assert (s.person.last_name, s.unit.code, s.level, s.funding, s.tuition_debt) == ("Токтосунова", "math", "master", "contract", Decimal("1500.50"))
    assert s.person.birth_date == dt.date(2005, 3, 12) and s.semester == 3
    assert AuditEvent.objects.count() == events + 6  # a person and a student per row
    assert AuditEvent.objects.filter(object_type="people.student", object_id=str(s.pk), action=AuditEvent.Action.CREATE).exists()
    # the same file again updates nothing; a changed cell updates that one record, with before and after
    assert run(dean, "students", "students.xlsx", data).counts() == {"created": 0, "updated": 0, "unchanged": 3}
    changed = xlsx(headers("students", "ky"), [student_row("IMP-0001", "Асанова", semester=4)])
    assert run(dean, "students", "students.xlsx", changed).counts()["updated"] == 1
    event = AuditEvent.objects.filter(object_type="people.student", action=AuditEvent.Action.UPDATE).latest("pk")
    assert (event.before["semester"], event.after["semester"]) == (3, 4)
    # a status is the effect of a workflow step (leave, dismissal…): an import does not change it
    with translation.override("en"):
        dismissed = run(dean, "students", "s.xlsx", xlsx(headers("students", "en"), [student_row("IMP-0001", "Асанова", semester=4, status="Dismissed")]))
    assert not dismissed.written and "not by an import" in dismissed.rows[0].errors[0][1]
    assert Student.objects.get(student_number="IMP-0001").status == "active"


@pytest.mark.parametrize("lang, words", [("ky", ("4-сап", "Семестр", "бүтүн сан")), ("en", ("Row 4", "Semester", "whole number"))])
def test_one_bad_row_writes_nothing_and_names_row_and_column(seeded: Any, lang: str, words: tuple[str, str, str]) -> None:
    dean = seeded.users["dean_office"]
    rows = [student_row("BAD-0001", "Асанова"), student_row("BAD-0002", "Бекова"), student_row("BAD-0003", "Жолдошева", semester="үч")]
    with translation.override(lang):
        data = xlsx(headers("students", lang), rows)
        report = run(dean, "students", "s.xlsx", data)
        assert not report.written
        [bad] = [r for r in report.rows if r.errors]
        assert bad.number == 4  # the header is row 1
        column, message = bad.errors[0]
        from django.template.loader import render_to_string

        html = render_to_string("imports/upload.html", {"kind": KINDS["students"], "form": None, "report": report})
    assert column == headers("students", lang)[KINDS["students"].columns.index(KINDS["students"].column("semester"))]
    assert words[1] in column and words[2] in message
    assert words[0] in html if lang == "ky" else words[0] in html
    assert not Student.objects.filter(student_number__startswith="BAD-").exists()  # not even the two good rows


def test_avn_and_1c_headers_in_russian_csv_windows_1251(seeded: Any) -> None:
    dean = seeded.users["dean_office"]
    text = ("№ зачетной книжки;Фамилия;Имя;Отчество;Дата рождения;Направление;Курс;Основа обучения;Задолженность;Группа куратора\n"
            "AVN-0001;Осмонов;Нурлан;Бакытович;01.02.2004;math-ba;3;договор;0;МАТ-21\n")
    report = run(dean, "students", "avn.csv", text.encode("cp1251"))
    assert report.written, [r.errors for r in report.rows] + report.file_errors
    assert report.ignored == ["Группа куратора"]
    s = Student.objects.select_related("person").get(student_number="AVN-0001")
    assert (s.person.patronymic, s.year_of_study, s.funding) == ("Бакытович", 3, "contract")
    english = "Student number,Last name,First name,Programme code\nAVN-0002,Osmonov,Nurlan,math-ba\n"
    assert run(dean, "students", "en.csv", english.encode()).written


def test_a_missing_required_column_is_a_file_error(seeded: Any) -> None:
    with translation.override("ky"):
        report = import_check(actor=seeded.users["dean_office"], kind="students", header=["Фамилия", "Имя"], rows=[(2, ["А", "Б"])])
    assert not report.ok and any("Студенттин номери" in e or "номер" in e.lower() for e in report.file_errors)


def test_scope_a_dean_cannot_import_into_another_faculty(seeded: Any) -> None:
    other = Programme.objects.filter(institution__code="oshsu").exclude(unit__code="math").first()
    data = xlsx(headers("students", "en"), [student_row("OUT-0001", "Асанова", other.code)])
    with translation.override("en"):
        report = run(seeded.users["dean_office"], "students", "s.xlsx", data)
    assert not report.written and "may not import" in report.rows[0].errors[0][1]
    assert not Student.objects.filter(student_number="OUT-0001").exists()


def test_programmes_courses_offerings_and_staff_import(seeded: Any) -> None:
    dean = seeded.users["dean_office"]
    p = xlsx(headers("programmes", "en"), [["oshsu", "math-phd", "math", "Математика (PhD)", "Математика", "Mathematics (PhD)", "", "Докторантура",
                                            "ky, ru", 6, "ооба", "да"]])
    assert run(dean, "programmes", "p.xlsx", p).written
    prog = Programme.objects.get(code="math-phd")
    assert (prog.level, prog.languages, prog.normative_semesters) == ("doctorate", "ky,ru", 6)
    c = xlsx(headers("courses", "ky"), [["oshsu", "MATH-901", "math-phd", "Топология", "Топология", "Topology", "", "7,5", "", "По выбору", 2, 1,
                                         "орусча", 1]])
    assert run(dean, "courses", "c.xlsx", c).written
    course = Course.objects.get(code="MATH-901")
    assert (course.ects, course.kind, course.language) == (Decimal("7.5"), "elective", "ru")
    o = xlsx(headers("offerings", "ru"), [["oshsu", "MATH-901", "2026-2027", "Весенний", "2", 25, ""]])
    assert run(dean, "offerings", "o.xlsx", o).written
    assert Offering.objects.get(course=course, section="2").term.kind == "spring"
    s = xlsx(headers("staff", "en"), [["Сыдыков", "Эрлан", "Маратович", "Sydykov", "Erlan", "", "KG", "", "", "oshsu", "math", "", "Доцент", "PhD",
                                       "Associate professor (docent)", "yes", "2015-09-01"]])
    report = run(dean, "staff", "s.xlsx", s)
    assert report.written, [r.errors for r in report.rows]
    staff = Staff.objects.get(person__last_name="Сыдыков", unit__code="math")
    assert (staff.degree, staff.title, staff.unit.code, staff.kind) == ("phd", "associate_professor", "math", "academic")
    bad_ects = xlsx(headers("courses", "en"), [["oshsu", "MATH-902", "math-phd", "А", "", "B", "", "0", "", "", "", "", "", ""]])
    with translation.override("en"):
        report = run(dean, "courses", "c.xlsx", bad_ects)
    assert not report.written and report.rows[0].errors[0][0] == "ECTS credits" and "greater than 0" in report.rows[0].errors[0][1]


def _ktmu_offering(admin: Any, code: str) -> tuple[Student, Offering]:
    student = Student.objects.filter(institution__code="ktmu", level="master", programme__code="fbe-cs-ma").order_by("student_number").first()
    course = Course.objects.filter(institution__code="ktmu").first()
    term = Term.objects.get(year__institution__code="ktmu", year__code="2024-2025", kind="fall")
    offering, _c = Offering.objects.get_or_create(course=course, term=term, section=code)
    return student, offering


@pytest.mark.rule("KTMU-T1-1")
def test_grades_take_the_letter_of_the_table_in_force_on_the_exam_date(seeded: Any) -> None:
    admin = seeded.users["admin"]
    student, offering = _ktmu_offering(admin, "IMP")
    cols = ["Студенттин номери", "Сабактын коду", "Окуу жылы", "Семестр (күз/жаз)", "Топ", "Балл", "Сынак күнү"]
    base = [student.student_number, offering.course.code, "2024-2025", "күзгү", "IMP"]
    # 31.08.2024: before the amended Table 1 (2024-09-01) no table is in force — refused, nothing written
    with translation.override("ky"):
        early = run(admin, "grades", "g.xlsx", xlsx(cols, [[*base, "82,35", "31.08.2024"]]))
    assert not early.written and "31.08.2024" in early.rows[0].errors[0][1] and early.rows[0].errors[0][0] == "Сынак күнү"
    report = run(admin, "grades", "g.xlsx", xlsx(cols, [[*base, "82,35", "01.09.2024"]]))
    assert report.written
    grade = Grade.objects.get(enrolment__student=student, enrolment__offering=offering)
    expected = grading.grade_for_score(Decimal("82.35"), "MA", dt.date(2024, 9, 1)).value
    assert (grade.letter, grade.coefficient, grade.passed) == (expected.letter, expected.coefficient, expected.passed) == ("BA", Decimal("3.50"), True)
    assert grade.table_version == dt.date(2024, 9, 1) and grade.graded_on == dt.date(2024, 9, 1)
    assert "KTMU-T1-1" in str(grade.explanation)
    assert AuditEvent.objects.filter(object_type="records.grade", object_id=str(grade.pk)).exists()
    # a letter column that contradicts the table is refused
    wrong = run(admin, "grades", "g.xlsx", xlsx([*cols, "Letter"], [[*base, "82,35", "01.09.2024", "AA"]]))
    assert not wrong.written and "BA" in wrong.rows[0].errors[0][1]


def test_a_result_kept_on_a_grade_sheet_is_not_imported(seeded: Any) -> None:
    from bilim.apps.postgrad.models import ScoreSheet
    from bilim.apps.records.models import Enrolment

    admin = seeded.users["admin"]
    student, offering = _ktmu_offering(admin, "SHT")
    ScoreSheet.objects.create(enrolment=Enrolment.objects.create(student=student, offering=offering))
    cols = headers("grades", "en")[:7]
    with translation.override("en"):
        report = run(admin, "grades", "g.xlsx", xlsx(cols, [[student.student_number, offering.course.code, "2024-2025", "fall", "SHT", "90", "2024-12-20"]]))
    assert not report.written and "grade sheet" in report.rows[0].errors[0][1]


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_imports_again_unchanged(seeded: Any, kind: str, fmt: str) -> None:
    """Round trip: what the dean's office exports (in Kyrgyz) imports again without a change."""
    dean = seeded.users["dean_office"]
    client = Client()
    client.force_login(dean)
    client.cookies["bilim_language"] = "ky"
    if kind == "staff":  # the demo faculty has no staff of its own: bring one in first
        run(dean, "staff", "s.csv", "Фамилия,Имя,Подразделение\nКадыров,Бакыт,math\n".encode())
    response = client.get(f"/imports/{kind}/export.{fmt}")
    assert response.status_code == 200
    data = response.content
    header, rows = read_table(f"x.{fmt}", data)
    assert header == headers(kind, "ky") and rows, "the export is empty: nothing to round-trip"
    with translation.override("ky"):
        report = import_run(actor=dean, kind=kind, header=header, rows=rows)
    assert report.written, [(r.number, r.errors) for r in report.rows if r.errors][:3] + report.file_errors
    assert report.counts() == {"created": 0, "updated": 0, "unchanged": len(rows)}


def test_pages_preview_then_import_and_permissions(seeded: Any) -> None:
    dean, student = seeded.users["dean_office"], seeded.users["student"]
    client = Client()
    client.force_login(dean)
    client.cookies["bilim_language"] = "ky"
    assert 'href="/imports/students/"' in client.get("/people/students/").content.decode()
    index = client.get("/imports/").content.decode()
    assert "/imports/grades/template.xlsx" in index
    template = client.get("/imports/students/template.xlsx")
    assert [c.value for c in next(load_workbook(io.BytesIO(template.content)).active.iter_rows(max_row=1))] == headers("students", "ky")
    bad = xlsx(headers("students", "ky"), [student_row("WEB-0001", "Асанова"), student_row("WEB-0002", "Бекова", birth_date="32.13.2005")])
    page = client.post("/imports/students/", {"file": _upload("s.xlsx", bad)})
    assert page.status_code == 422 and "3-сап" in page.content.decode() and "Туулган күнү" in page.content.decode()
    assert b"import-run" not in page.content and not Student.objects.filter(student_number__startswith="WEB-").exists()
    good = xlsx(headers("students", "ky"), [student_row("WEB-0001", "Асанова"), student_row("WEB-0002", "Бекова")])
    page = client.post("/imports/students/", {"file": _upload("s.xlsx", good)})
    assert page.status_code == 200 and b"import-run" in page.content
    assert not Student.objects.filter(student_number__startswith="WEB-").exists()  # the preview writes nothing
    token = client.session["bilim_import"]["token"]
    done = client.post("/imports/students/run/", {"token": token})
    assert done.status_code == 200 and Student.objects.filter(student_number__startswith="WEB-").count() == 2
    assert client.post("/imports/students/run/", {"token": token}).status_code == 409  # once only
    renamed = client.post("/imports/students/", {"file": _upload("s.xlsx", b"%PDF-1.4 not a workbook")})
    assert renamed.status_code == 200 and "file-error" in renamed.content.decode()
    other = Client()
    other.force_login(student)
    assert other.get("/imports/").status_code == 403 and other.get("/imports/students/export.csv").status_code == 403
    assert 'href="/imports/students/"' not in other.get("/people/students/").content.decode()


def _upload(name: str, data: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_csv_export_escapes_formulas_and_reads_back(seeded: Any) -> None:
    dean = seeded.users["dean_office"]
    run(dean, "students", "s.csv", "Student number,Last name,First name,Programme code\nFRM-0001,=HYPERLINK(\"x\"),Нурлан,math-ba\n".encode())
    client = Client()
    client.force_login(dean)
    body = client.get("/imports/students/export.csv").content.decode("utf-8-sig")
    line = next(r for r in csv.reader(io.StringIO(body)) if r and r[0] == "FRM-0001")
    assert line[1].startswith("'=")
    header, rows = read_table("x.csv", body.encode())
    assert any(r[1] == '=HYPERLINK("x")' for _n, r in rows)
