"""EPUB books: the chapters in spine order, the table of contents as the outline, title and author.

Read with the standard library (``zipfile``, ``xml.etree``) and the HTML
extraction of :mod:`reader.text.html_text`: no extra dependency, and nothing is
imported until an ``.epub`` is opened. The table of contents is the EPUB 3
navigation document (``nav epub:type="toc"``) or, failing that, the EPUB 2 NCX;
its entries, nested, become sections at their depth, each starting where its
target (a chapter file, or an element id in one) starts. A book without either
gets its sections from the chapters' own headings.

A book whose chapters are encrypted (DRM) or that is not a valid EPUB is
refused with one line.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

from reader.errors import ReaderError
from reader.text.document import Document, DocumentBuilder
from reader.text.html_text import Block, add_blocks, extract, place_readings

_NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "enc": "http://www.w3.org/2001/04/xmlenc#",
}
#: Font obfuscation is not DRM: those fonts are simply not read.
_FONT_OBFUSCATION = ("http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC")


@dataclass(frozen=True)
class TocEntry:
    """One entry of the table of contents: its title, depth (1 = top) and target (file, element id)."""

    title: str
    depth: int
    path: str
    fragment: str


def load_epub(path: Path, raw: bytes, doc_id: str) -> Document:
    """Open an EPUB's bytes as a :class:`Document` (one-line :class:`ReaderError` when it cannot be read)."""
    name = str(path)
    try:
        book = zipfile.ZipFile(BytesIO(raw))
    except zipfile.BadZipFile as exc:
        raise ReaderError(f"{name}: not an EPUB (not a zip archive)") from exc
    try:
        return _read(book, name, doc_id, path.stem)
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, UnicodeDecodeError, ValueError) as exc:
        raise ReaderError(f"{name}: broken EPUB ({_reason(exc)})") from exc


def _reason(exc: Exception) -> str:
    text = str(exc).strip().strip("\"'") or type(exc).__name__
    return text.splitlines()[0][:120]


def _read(book: zipfile.ZipFile, name: str, doc_id: str, stem: str) -> Document:
    _refuse_drm(book, name)
    container = ElementTree.fromstring(book.read("META-INF/container.xml"))
    rootfile = container.find(".//c:rootfile", _NS)
    if rootfile is None or not rootfile.get("full-path"):
        raise ValueError("no package document in META-INF/container.xml")
    opf_path = str(rootfile.get("full-path"))
    base = posixpath.dirname(opf_path)
    package = ElementTree.fromstring(book.read(opf_path))
    manifest = {item.get("id", ""): item for item in package.iterfind("opf:manifest/opf:item", _NS) if item.get("href")}

    def href(item: ElementTree.Element) -> str:
        return posixpath.normpath(posixpath.join(base, unquote(item.get("href", ""))))

    spine = [
        href(manifest[ref.get("idref", "")])
        for ref in package.iterfind("opf:spine/opf:itemref", _NS)
        if ref.get("idref", "") in manifest and ref.get("linear", "yes") != "no"
    ]
    if not spine:
        raise ValueError("its spine lists no chapters")
    toc = _toc(book, package, manifest, href)
    title = _meta(package, "title") or stem
    author = _meta(package, "creator")
    language = _meta(package, "language") or "zh-Hans"
    builder = DocumentBuilder()
    readings: list[list[object]] = []
    chapters = [(chapter, extract(book.read(chapter).decode("utf-8"))[1]) for chapter in spine]
    if toc:
        _add_by_toc(builder, chapters, toc, readings)
    else:
        for _, found in chapters:
            add_blocks(builder, found, readings)
    meta: dict[str, object] = {"title": title, "format": "epub"}
    if author:
        meta["author"] = author
    if readings:
        meta["given_readings"] = readings
    return builder.build(id=doc_id, title=title, language=language, source=author, meta=meta)


def _refuse_drm(book: zipfile.ZipFile, name: str) -> None:
    """Encrypted chapters (``META-INF/encryption.xml`` beyond font obfuscation) or Adobe ``rights.xml``: DRM."""
    names = set(book.namelist())
    if "META-INF/rights.xml" in names:
        raise ReaderError(f"{name}: this EPUB is DRM-protected (META-INF/rights.xml); it cannot be read")
    if "META-INF/encryption.xml" not in names:
        return
    encryption = ElementTree.fromstring(book.read("META-INF/encryption.xml"))
    for data in encryption.iterfind(".//enc:EncryptedData", _NS):
        method = data.find("enc:EncryptionMethod", _NS)
        algorithm = method.get("Algorithm", "") if method is not None else ""
        if algorithm not in _FONT_OBFUSCATION:
            raise ReaderError(f"{name}: this EPUB is DRM-protected (encrypted chapters); it cannot be read")


def _meta(package: ElementTree.Element, field: str) -> str:
    node = package.find(f"opf:metadata/dc:{field}", _NS)
    return " ".join((node.text or "").split()) if node is not None else ""


def _toc(
    book: zipfile.ZipFile,
    package: ElementTree.Element,
    manifest: dict[str, ElementTree.Element],
    href: object,
) -> list[TocEntry]:
    """The EPUB 3 navigation document's toc, else the NCX's navMap, as flat entries with depths."""
    resolve = href  # callable: manifest item -> path in the zip
    assert callable(resolve)
    nav = next((item for item in manifest.values() if "nav" in (item.get("properties") or "").split()), None)
    if nav is not None:
        entries = _nav_entries(book, resolve(nav))
        if entries:
            return entries
    spine = package.find("opf:spine", _NS)
    ncx_id = spine.get("toc", "") if spine is not None else ""
    ncx = manifest.get(ncx_id) or next(
        (item for item in manifest.values() if item.get("media-type") == "application/x-dtbncx+xml"), None
    )
    return _ncx_entries(book, resolve(ncx)) if ncx is not None else []


def _target(source: str, link: str) -> tuple[str, str]:
    path, _, fragment = unquote(link).partition("#")
    full = posixpath.normpath(posixpath.join(posixpath.dirname(source), path)) if path else source
    return full, fragment


def _nav_entries(book: zipfile.ZipFile, nav_path: str) -> list[TocEntry]:
    root = ElementTree.fromstring(book.read(nav_path))
    navs = root.iter(f"{{{_NS['x']}}}nav")
    toc = next((n for n in navs if n.get(f"{{{_NS['epub']}}}type") == "toc"), None)
    if toc is None:
        return []
    entries: list[TocEntry] = []

    def walk(ol: ElementTree.Element, depth: int) -> None:
        for li in ol.findall("x:li", _NS):
            link = li.find("x:a", _NS)
            if link is None:
                link = li.find("x:span", _NS)
            if link is not None:
                title = " ".join("".join(link.itertext()).split())
                path, fragment = _target(nav_path, link.get("href", "")) if link.get("href") else ("", "")
                entries.append(TocEntry(title, depth, path, fragment))
            for child in li.findall("x:ol", _NS):
                walk(child, depth + 1)

    for ol in toc.findall("x:ol", _NS):
        walk(ol, 1)
    return entries


def _ncx_entries(book: zipfile.ZipFile, ncx_path: str) -> list[TocEntry]:
    root = ElementTree.fromstring(book.read(ncx_path))
    entries: list[TocEntry] = []

    def walk(parent: ElementTree.Element, depth: int) -> None:
        for point in parent.findall("ncx:navPoint", _NS):
            label = point.find("ncx:navLabel/ncx:text", _NS)
            content = point.find("ncx:content", _NS)
            title = " ".join((label.text or "").split()) if label is not None else ""
            path, fragment = _target(ncx_path, content.get("src", "")) if content is not None else ("", "")
            entries.append(TocEntry(title, depth, path, fragment))
            walk(point, depth + 1)

    nav_map = root.find("ncx:navMap", _NS)
    if nav_map is not None:
        walk(nav_map, 1)
    return entries


def _add_by_toc(
    builder: DocumentBuilder,
    chapters: list[tuple[str, list[Block]]],
    toc: list[TocEntry],
    readings: list[list[object]],
) -> None:
    """Sections from the table of contents: each entry starts at its target's block; headings become text.

    A heading that opens its section with the entry's own title is the section's
    title line (``title_in_text``), not shown twice.
    """
    flat: list[Block] = []
    where: dict[tuple[str, str], int] = {}
    for chapter, found in chapters:
        where.setdefault((chapter, ""), len(flat))
        for block in found:
            for anchor in block.anchors:
                where.setdefault((chapter, anchor), len(flat))
            flat.append(block)
    targets = [where.get((e.path, e.fragment), where.get((e.path, ""))) if e.path else None for e in toc]
    starts: list[tuple[int, TocEntry]] = []
    for number, entry in enumerate(toc):
        # a part without a target of its own (a <span> in the nav) starts where its first chapter does
        index = next((i for i in targets[number:] if i is not None), None)
        if index is not None:
            starts.append((index, entry))
    starts.sort(key=lambda pair: pair[0])
    if not starts or starts[0][0] > 0:
        add_blocks(builder, [_as_text(b) for b in flat[: starts[0][0] if starts else len(flat)]], readings)
    for number, (index, entry) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(flat)
        body = [_as_text(b) for b in flat[index:end]]
        _add_section(builder, entry, body, readings)


def _as_text(block: Block) -> Block:
    return Block(block.text, 0, block.anchors, block.readings)


def _add_section(builder: DocumentBuilder, entry: TocEntry, body: list[Block], readings: list[list[object]]) -> None:
    title_line = bool(body) and _same(body[0].text, entry.title)
    start = builder.length + (1 if builder.length else 0)
    builder.add_section(
        entry.title, "", [b.text for b in body], level=entry.depth, keep_empty=True, title_in_text=title_line
    )
    readings.extend(place_readings(body, start))


def _same(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())
