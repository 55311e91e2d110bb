"""An uploaded spreadsheet is read from a temporary copy that keeps its suffix and goes away."""

from django.core.files.uploadedfile import SimpleUploadedFile

from sashakt.core.spreadsheets import read_table, uploaded_copy


def test_the_copy_holds_the_upload_with_its_suffix_in_lower_case():
    upload = SimpleUploadedFile("Register.CSV", "नाम,जिला\nसीता,कानपुर\n".encode())
    with uploaded_copy(upload) as path:
        assert path.suffix == ".csv"
        assert path.read_bytes() == "नाम,जिला\nसीता,कानपुर\n".encode()
        assert read_table(path).rows[1] == ["सीता", "कानपुर"]
    assert not path.exists() and not path.parent.exists()


def test_the_copy_goes_away_when_reading_fails():
    upload = SimpleUploadedFile("sheet.xlsx", b"not a workbook")
    try:
        with uploaded_copy(upload) as path:
            raise ValueError("the reader gave up")
    except ValueError:
        pass
    assert not path.exists()
