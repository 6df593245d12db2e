"""Bytes in, text out: decide how an input file is encoded, or refuse it.

The order of the checks:

1. **magic numbers**: a PDF, ZIP (``.docx``, ``.odt``, ``.epub``), PNG, JPEG,
   GIF, ELF or gzip file is refused with a ``BinaryInputError`` that names it;
2. **byte order marks**: UTF-8, UTF-32 and UTF-16 (UTF-32 first, since its
   little-endian mark starts with UTF-16's);
3. **UTF-8**: the fast path, and the answer for almost every input;
4. **UTF-16 without a byte order mark**, when the NUL bytes say so: most odd
   (little-endian) or most even (big-endian) bytes are NUL and it decodes;
   or, for text in another script (Cyrillic, Greek: the high byte is the
   script's block, not NUL), NULs only in the high-byte column and a decoding
   that reads as text (``_reads_as_text``);
5. **binary**: NUL bytes, or a high share of C0 control characters other than
   tab, line feed, carriage return and form feed;
6. **legacy single-byte**: cp1252 when every byte is defined there, else
   latin-1, with a note saying so.

>>> decode("café".encode("utf-8"))
Decoded(text='café', encoding='utf-8', notes=())
>>> decode(b"\\xef\\xbb\\xbfhello").text
'hello'
>>> decode("hi".encode("utf-16")).text
'hi'
>>> d = decode(b"caf\\xe9 \\x93quoted\\x94")
>>> d.text, d.encoding
('café “quoted”', 'cp1252')
>>> d.notes
('input is not valid UTF-8; decoded as cp1252',)
>>> decode(b"%PDF-1.7\\n...")
Traceback (most recent call last):
...
reflow.errors.BinaryInputError: looks like a PDF file, not text: extract its text first (e.g. pdftotext FILE)
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from .errors import BinaryInputError, UndecodableInputError


@dataclass(frozen=True)
class Decoded:
    """The decoded text, the codec used (a Python codec name), and notes about
    decoding that the user should hear (they go into ``Document.notes``)."""

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


# (prefix, kind, advice)
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "PDF", "looks like a PDF file, not text: extract its text first (e.g. pdftotext FILE)"),
    (b"PK\x03\x04", "ZIP", "looks like a ZIP archive (or a .docx/.odt/.epub document), not text: "
                           "extract its text first (e.g. pandoc -t plain FILE)"),
    (b"PK\x05\x06", "ZIP", "looks like an empty ZIP archive, not text"),
    (b"\x89PNG\r\n\x1a\n", "PNG", "looks like a PNG image, not text: run OCR on it first (e.g. tesseract FILE -)"),
    (b"\xff\xd8\xff", "JPEG", "looks like a JPEG image, not text: run OCR on it first (e.g. tesseract FILE -)"),
    (b"GIF87a", "GIF", "looks like a GIF image, not text: run OCR on it first (e.g. tesseract FILE -)"),
    (b"GIF89a", "GIF", "looks like a GIF image, not text: run OCR on it first (e.g. tesseract FILE -)"),
    (b"\x7fELF", "ELF", "looks like an executable (ELF) file, not text"),
    (b"\x1f\x8b", "gzip", "looks like a gzip-compressed file, not text: decompress it first (e.g. gunzip -c FILE)"),
)
_MAGIC_PREFIXES = tuple(m[0] for m in _MAGIC)

# Byte order marks, longest first (UTF-32-LE's mark starts with UTF-16-LE's).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 controls that do not belong in text (tab, LF, CR, FF are fine), and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SAMPLE = 65536          # characters (or bytes) looked at for statistics
_MAX_CONTROL_SHARE = 0.10
_UTF16_NUL_SHARE = 0.6   # share of NULs in the high-byte column
_UTF16_OTHER_SHARE = 0.05  # at most this share of NULs in the low-byte column
# UTF-16 of text in another script: the NULs are the high bytes of the spaces,
# line ends, digits and punctuation only, so the decoding must show it is text.
# Of its characters, at most this share may be odd (controls other than white
# space, unassigned or private-use code points) ...
_UTF16_ODD_SHARE = 0.01
# ... at least this share of the rest must be letters or marks, and the letters'
# three commonest scripts (Cyrillic and Latin; kanji, hiragana and katakana)
# must hold this share of them: bytes that are not text decode to code points
# strewn over many scripts.
_UTF16_LETTER_SHARE = 0.5
_UTF16_SCRIPT_SHARE = 0.9
# Fewer characters than this are too few to tell text from a few stray bytes.
_UTF16_MIN_CHARS = 16
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def decode(data: bytes) -> Decoded:
    """Decode an input file's bytes; raise ``BinaryInputError`` if it is not
    text and ``UndecodableInputError`` if a byte order mark lies.

    >>> decode(b"")
    Decoded(text='', encoding='utf-8', notes=())
    >>> decode("Ab".encode("utf-16-be")).encoding
    'utf-16-be'
    >>> decode(b"\\xe9t\\xe9 \\x81").notes
    ('input is not valid UTF-8 and not cp1252; decoded as latin-1',)
    >>> decode(b"\\x00\\x01\\x02\\x03\\xff")
    Traceback (most recent call last):
    ...
    reflow.errors.BinaryInputError: contains NUL bytes and is not UTF-16: looks like a binary file, not text
    """
    if data.startswith(_MAGIC_PREFIXES):
        for prefix, kind, message in _MAGIC:
            if data.startswith(prefix):
                raise BinaryInputError(message, kind)

    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            if codec == "utf-8":
                try:
                    return _checked(body.decode("utf-8"), "utf-8-sig")
                except UnicodeDecodeError:
                    return _legacy(body)  # a UTF-8 mark on a cp1252 file
            try:
                text = body.decode(codec)
            except UnicodeDecodeError as exc:
                raise UndecodableInputError(
                    f"starts with a {codec.upper()} byte order mark but is not valid "
                    f"{codec.upper()} at byte {exc.start + len(bom)}: truncated or corrupt?") from None
            return _checked(text, codec)

    # The fast path: almost every input is UTF-8 with no NUL byte.
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and "\x00" not in text:
        return _checked(text, "utf-8")

    if b"\x00" in data:
        codec, latin = _sniff_utf16(data)
        if codec:
            try:
                decoded = data.decode(codec)
            except UnicodeDecodeError:  # a lone surrogate: not UTF-16
                decoded = None
            if decoded is not None and "\x00" not in decoded and (latin or _reads_as_text(decoded)):
                note = f"input has no byte order mark but its NUL bytes say UTF-16; decoded as {codec}"
                return _checked(decoded, codec, (note,))
        raise BinaryInputError("contains NUL bytes and is not UTF-16: looks like a binary file, not text")

    return _legacy(data)


def _legacy(data: bytes) -> Decoded:
    """cp1252 if every byte is defined there, else latin-1 (never fails)."""
    if _CP1252_UNDEFINED.isdisjoint(data):
        text = data.decode("cp1252")
        return _checked(text, "cp1252", ("input is not valid UTF-8; decoded as cp1252",))
    text = data.decode("latin-1")
    return _checked(text, "latin-1", ("input is not valid UTF-8 and not cp1252; decoded as latin-1",))


def _sniff_utf16(data: bytes) -> tuple[str | None, bool]:
    """``utf-16-le`` or ``utf-16-be`` when the NUL bytes say so, and whether
    they say it clearly (most high bytes NUL: Latin text). Otherwise the NULs
    must sit in one column nearly only, the high bytes of the ASCII characters
    in text of another script (the low byte is NUL only for a few characters,
    such as 一 U+4E00); the caller then checks the decoded text."""
    sample = data[: _SAMPLE - _SAMPLE % 2]
    even, odd = sample[0::2], sample[1::2]
    if not even or not odd:
        return None, False
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    # (a clear column, at least _UTF16_NUL_SHARE, is always the larger one)
    if odd_nul > even_nul and even_nul <= _UTF16_OTHER_SHARE:
        return "utf-16-le", odd_nul >= _UTF16_NUL_SHARE
    if even_nul > odd_nul and odd_nul <= _UTF16_OTHER_SHARE:
        return "utf-16-be", even_nul >= _UTF16_NUL_SHARE
    return None, False


def _reads_as_text(text: str) -> bool:
    """Does UTF-16 decoded without the NUL evidence of Latin text read as text?
    White space (between words, at line ends), hardly any odd code point,
    mostly letters, and the letters of a few scripts (``Выборка была``:
    Cyrillic; with Latin names or units: two; Japanese: three).

    >>> _reads_as_text("Выборка была маленькой,\\nно эффект был ясен.\\n")
    True
    >>> _reads_as_text(bytes(range(1, 65)).decode("utf-16-le") + " \\n")  # letters of 14 scripts
    False
    """
    sample = text[:_SAMPLE]
    if len(sample) < _UTF16_MIN_CHARS:
        return False
    letters: dict[str, int] = {}
    odd = spaces = other = 0
    for ch in sample:
        cat = unicodedata.category(ch)
        if ch.isspace():
            spaces += 1
        elif cat in ("Cc", "Cf", "Cn", "Co", "Cs"):
            odd += cat != "Cf"  # a format character (soft hyphen, joiner) is text
        elif cat[0] in "LM":
            script = unicodedata.name(ch, "").split(" ", 1)[0]
            letters[script] = letters.get(script, 0) + 1
        else:
            other += 1
    n_letters = sum(letters.values())
    if not spaces or odd > _UTF16_ODD_SHARE * len(sample):
        return False
    if n_letters < _UTF16_LETTER_SHARE * (n_letters + other):
        return False
    top = sum(sorted(letters.values(), reverse=True)[:3])
    return top >= _UTF16_SCRIPT_SHARE * n_letters


def _checked(text: str, encoding: str, notes: tuple[str, ...] = ()) -> Decoded:
    """Refuse decoded text that is mostly control characters."""
    if "\x00" in text:
        raise BinaryInputError("contains NUL characters: looks like a binary file, not text")
    sample = text[:_SAMPLE]
    if sample:
        controls = len(_CONTROL.findall(sample))
        if controls and controls / len(sample) > _MAX_CONTROL_SHARE:
            share = round(100 * controls / len(sample))
            raise BinaryInputError(
                f"{share}% of its characters are control characters: looks like a binary file, not text")
    return Decoded(text, encoding, notes)
