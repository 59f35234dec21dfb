"""Bytes to text: encoding detection for Chinese text files.

Official texts arrive as UTF-8, UTF-8 with BOM, GB18030/GBK (older government sites)
or UTF-16 (Word exports). We try the unambiguous decodings first and fall back to
charset-normalizer, then check the result actually looks like text, because a wrong
single-byte guess "succeeds" on any byte string.
"""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes


class DecodeError(ValueError):
    """The bytes are not a text we can read; the message says why."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_like_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: NUL bytes concentrated on one parity of positions."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _printable_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    return 1.0 - bad / len(sample)


def _latin_mojibake_share(text: str) -> float:
    """Share of Latin-1 supplement / extended letters: what a wrong single-byte guess
    makes of Chinese bytes."""
    sample = text[:20000]
    return sum(1 for ch in sample if 0x80 <= ord(ch) < 0x300) / max(len(sample), 1)


def _decode_per_line(data: bytes) -> tuple[str, str] | None:
    """Files pasted together from UTF-8 and GBK sources, or cut off mid-character:
    decode line by line, replacing only what no encoding reads. Accepted when nearly
    everything decodes cleanly."""
    lines = data.split(b"\n")
    out = []
    bad = 0
    used = set()
    for line in lines:
        for enc in ("utf-8", "gb18030"):
            try:
                out.append(line.decode(enc))
                used.add(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            text = line.decode("utf-8", errors="replace")
            bad += text.count("\ufffd")
            out.append(text)
            used.add("utf-8")
    text = "\n".join(out)
    if bad > max(3, len(text) // 1000) or _printable_share(text) < 0.95:
        return None
    return text, "+".join(sorted(used)) + (" (invalid bytes replaced)" if bad else "")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise DecodeError with a reason a user can act on."""
    if not data or not data.strip():
        raise DecodeError("empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {enc} byte-order mark but is not valid {enc}: {exc.reason}") from None
            if _printable_share(text) < 0.95:
                raise DecodeError(f"starts with a {enc} byte-order mark but decodes to control characters (binary file?)")
            return text, enc
    utf16 = looks_like_utf16(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            text = ""
        if text and _printable_share(text) > 0.95:
            return text, utf16
    if b"\x00" in data[:65536]:
        raise DecodeError("binary file (contains NUL bytes)")
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _printable_share(text) > 0.95:
            return text, enc
    mixed = _decode_per_line(data)
    if mixed is not None:
        return mixed
    best = from_bytes(data[:1_000_000]).best()
    if best is not None and best.encoding:
        try:
            text = data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            text = ""
        if text and _printable_share(text) > 0.95 and _latin_mojibake_share(text) < 0.2:
            return text, best.encoding
    raise DecodeError("cannot decode as UTF-8, GB18030 or UTF-16, and no other encoding fits (binary or corrupt file?)")
