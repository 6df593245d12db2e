"""reflow.decode: bytes in, text out, or a clear refusal."""
from __future__ import annotations

import codecs
import random

import pytest

from reflow.decode import Decoded, decode
from reflow.errors import BinaryInputError, ReflowError, UndecodableInputError

TEXT = "Caf\u00e9 na\u00efve \u201cquoted\u201d \u2014 \u00fcber Stra\u00dfe.\nSecond line.\n"


def test_plain_utf8_has_no_notes():
    d = decode(TEXT.encode("utf-8"))
    assert d == Decoded(TEXT, "utf-8", ())


def test_decoded_is_frozen():
    d = decode(b"abc")
    with pytest.raises(Exception):
        d.text = "x"  # type: ignore[misc]


def test_empty_input_is_empty_text():
    d = decode(b"")
    assert d.text == ""
    assert d.notes == ()


def test_utf8_bom_is_stripped():
    d = decode(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert d.text == TEXT
    assert not d.text.startswith("\ufeff")
    assert d.encoding == "utf-8-sig"
    assert d.notes == ()


@pytest.mark.parametrize("bom, codec", [
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
])
def test_bom_encodings(bom, codec):
    d = decode(bom + TEXT.encode(codec))
    assert d.text == TEXT
    assert d.encoding == codec
    assert d.notes == ()


def test_python_utf16_codec_output():
    assert decode(TEXT.encode("utf-16")).text == TEXT


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_from_nuls(codec):
    text = "A plain English sentence, as Windows tools write it.\r\nAnother line.\r\n"
    d = decode(text.encode(codec))
    assert d.text == text
    assert d.encoding == codec
    assert d.notes and "UTF-16" in d.notes[0]


def test_utf16_bom_but_truncated_is_undecodable():
    data = codecs.BOM_UTF16_LE + "hello".encode("utf-16-le") + b"\x00\xd8"  # lone surrogate
    with pytest.raises(UndecodableInputError) as info:
        decode(data)
    assert "UTF-16-LE" in str(info.value)
    assert isinstance(info.value, ReflowError)


def test_cp1252_fallback_with_note():
    d = decode(b"caf\xe9 na\xefve \x93quoted\x94")
    assert d.text == "caf\u00e9 na\u00efve \u201cquoted\u201d"
    assert d.encoding == "cp1252"
    assert d.notes == ("input is not valid UTF-8; decoded as cp1252",)


def test_latin1_fallback_when_byte_undefined_in_cp1252():
    # 0x81 and 0x9d are not defined in cp1252
    d = decode(b"caf\xe9 \x81 r\xe9sum\xe9\x9d")
    assert d.encoding == "latin-1"
    assert d.text == "caf\u00e9 \x81 r\u00e9sum\u00e9\x9d"
    assert len(d.notes) == 1 and "latin-1" in d.notes[0] and "not valid UTF-8" in d.notes[0]


def test_utf8_bom_on_cp1252_body_falls_back():
    d = decode(codecs.BOM_UTF8 + b"caf\xe9")
    assert d.text == "caf\u00e9"
    assert d.encoding == "cp1252"


@pytest.mark.parametrize("data, kind, words", [
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF", "pdftotext"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG", "PNG image"),
    (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "ZIP", "ZIP archive"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG", "JPEG image"),
    (b"GIF89a\x01\x00\x01\x00", "GIF", "GIF image"),
    (b"\x7fELF\x02\x01\x01\x00", "ELF", "executable"),
    (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip", "gunzip"),
])
def test_magic_numbers_are_refused_by_name(data, kind, words):
    with pytest.raises(BinaryInputError) as info:
        decode(data)
    assert info.value.kind == kind
    message = str(info.value)
    assert words in message
    assert "\n" not in message


def test_pdf_message():
    with pytest.raises(BinaryInputError, match=r"^looks like a PDF file, not text: extract its text first"):
        decode(b"%PDF-1.7\n")


def test_random_binary_with_nuls_is_refused():
    rng = random.Random(1)
    data = bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00\x00"
    with pytest.raises(BinaryInputError) as info:
        decode(data)
    assert info.value.kind == "binary"


def test_valid_utf8_with_nuls_is_refused():
    with pytest.raises(BinaryInputError, match="NUL"):
        decode(b"hello\x00\x00\x00world\x00 more text\x00\x00")


def test_many_control_characters_are_refused():
    with pytest.raises(BinaryInputError, match="control characters"):
        decode(b"\x01\x02\x03\x04abc\x05\x06\x07\x08\x0e\x0f")


def test_a_few_control_characters_are_kept():
    text = "A long line of ordinary prose with one stray bell\x07 in it.\f\tTabbed.\r\n"
    assert decode(text.encode()).text == text


def test_form_feed_tab_cr_are_text():
    text = "page one\f page two\r\n\tindented\n" * 20
    assert decode(text.encode()).text == text


FIXTURES = __import__("pathlib").Path(__file__).resolve().parent.parent / "fixtures" / "encoding"


@pytest.mark.parametrize("name, encoding, noted", [
    ("decode-cp1252", "cp1252", True),
    ("decode-utf16le-bom", "utf-16-le", False),
    ("decode-utf8-bom", "utf-8-sig", False),
])
def test_decode_fixtures(name, encoding, noted):
    d = decode((FIXTURES / name / "input.txt").read_bytes())
    assert d.encoding == encoding
    assert bool(d.notes) == noted
    assert "\ufeff" not in d.text
    # every word of the expected Markdown is in the decoded text
    expected = (FIXTURES / name / "expected.md").read_text(encoding="utf-8")
    assert expected.split() == d.text.split()


def test_large_utf8_fast_path():
    data = ("Ordinary prose with an accent: caf\u00e9.\n" * 200_000).encode()
    d = decode(data)
    assert d.encoding == "utf-8" and len(d.text) == len(data.decode())
