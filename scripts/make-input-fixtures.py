#!/usr/bin/env python3
"""Makes tests/fixtures/forms/: the sample report (examples/sample/青石镇2023年法治政府建设工作报告.txt,
the project's own text) in every form a town submits, for tests/input_forms.rs.

Needs python3 (standard library only) and LibreOffice (`soffice`, e.g. Debian's
libreoffice-writer-nogui) with a Chinese font (fonts-wqy-microhei). Tests do not need either: the
files it makes are committed. Run from the crate root:

    python3 scripts/make-input-fixtures.py

What it makes, all from the one text:
- report.odt: written here (one paragraph a line, the U+3000 indent as a first-line indent, a running
  header and a page number in the footer), the source of the LibreOffice exports below;
- report.pdf, report.doc, report.rtf, report.docx: LibreOffice's exports of report.odt, and
  report.odt re-saved by LibreOffice;
- report.wps: report.doc under the WPS name (WPS Office saves .wps as the same Word 97 compound file);
- report.mht: LibreOffice's HTML export of the report, encoded in GBK, as quoted-printable in a
  multipart/related MIME message, as Internet Explorer saves a page;
- report.ofd: an OFD file (GB/T 33190) written here, the text laid out 30 characters a line, with a
  page number in each page's footer;
- report-gbk.rtf: an RTF written here as older Word and WPS write Chinese (code page 936, \\'xx
  escapes, a running header);
- table.doc, table.odt, table.rtf, table.docx: a paragraph, a table (one cell of two paragraphs,
  one spanning two columns) and a paragraph, written here and exported by LibreOffice;
- scan.pdf: a PDF whose one page is an image and has no text (a scan);
- scan.png: a small image.
"""

import base64
import os
import quopri
import shutil
import struct
import subprocess
import tempfile
import zipfile
import zlib
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "examples/sample/青石镇2023年法治政府建设工作报告.txt")
OUT = os.path.join(ROOT, "tests/fixtures/forms")
FONT = "WenQuanYi Micro Hei"


def paragraphs():
    with open(SAMPLE, encoding="utf-8") as f:
        lines = [l.rstrip() for l in f.read().splitlines()]
    return [l for l in lines if l.strip()]


def odt(path):
    """An .odt: the title centred, each paragraph with its U+3000 indent as a first-line indent."""
    body = []
    for i, line in enumerate(paragraphs()):
        text = line.lstrip("\u3000 ")
        indented = len(line) != len(text)
        style = "Title" if i == 0 else ("Indented" if indented else "Body")
        body.append(f'<text:p text:style-name="{style}">{escape(text)}</text:p>')
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
        'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2"'
    )
    fonts = (
        f'<office:font-face-decls><style:font-face style:name="{FONT}" svg:font-family="&apos;{FONT}&apos;"/>'
        "</office:font-face-decls>"
    )
    text_props = (
        f'<style:text-properties style:font-name="{FONT}" style:font-name-asian="{FONT}" '
        'fo:font-size="14pt" style:font-size-asian="14pt"/>'
    )
    content = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {ns}>{fonts}
<office:automatic-styles>
<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.4cm"/>{text_props}</style:style>
<style:style style:name="Indented" style:family="paragraph"><style:paragraph-properties fo:text-indent="0.99cm" fo:text-align="justify" fo:line-height="150%"/>{text_props}</style:style>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:line-height="150%"/>{text_props}</style:style>
</office:automatic-styles>
<office:body><office:text>{''.join(body)}</office:text></office:body></office:document-content>"""
    styles = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {ns}>{fonts}
<office:styles><style:style style:name="Small" style:family="paragraph">{text_props}</style:style></office:styles>
<office:automatic-styles><style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2.8cm" fo:margin-right="2.6cm"/>
<style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style>
<style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
<style:style style:name="Centre" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties style:font-name="{FONT}" style:font-name-asian="{FONT}" fo:font-size="10pt" style:font-size-asian="10pt"/></style:style></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4">
<style:header><text:p text:style-name="Centre">云溪县青石镇人民政府</text:p></style:header>
<style:footer><text:p text:style-name="Centre">- <text:page-number text:select-page="current">1</text:page-number> -</text:p></style:footer>
</style:master-page></office:master-styles></office:document-styles>"""
    manifest = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("styles.xml", styles, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)


TABLE_ROWS = [
    ["事项", "2022年", "2023年"],
    ["行政处罚案件", "29件", "36件"],
    ["调解成功率", "95.1%", "96.6%"],
]


def table_odt(path):
    """A short .odt: a paragraph, a table of three rows (one cell holding two paragraphs), a
    paragraph: how .doc, .odt, .rtf and PDF give table cells."""
    cell = lambda t: f'<table:table-cell office:value-type="string"><text:p>{escape(t)}</text:p></table:table-cell>'
    rows = "".join(
        "<table:table-row>" + "".join(cell(t) for t in r) + "</table:table-row>" for r in TABLE_ROWS
    )
    rows += (
        '<table:table-row><table:table-cell office:value-type="string"><text:p>备注</text:p></table:table-cell>'
        '<table:table-cell office:value-type="string" table:number-columns-spanned="2"><text:p>数据来源：镇司法所</text:p>'
        "<text:p>截至12月31日</text:p></table:table-cell><table:covered-table-cell/></table:table-row>"
    )
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}><office:body><office:text>'
        "<text:p>表1 主要数据对比</text:p>"
        '<table:table table:name="T1"><table:table-column table:number-columns-repeated="3"/>'
        + rows
        + "</table:table><text:p>以上数据经核实。</text:p></office:text></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
            zipfile.ZIP_DEFLATED,
        )


def soffice(src, fmt, outdir):
    subprocess.run(
        ["soffice", "--headless", "--convert-to", fmt, "--outdir", outdir, src],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def mht(html_path, path):
    """An .mht as Internet Explorer saves one: the page in GBK, quoted-printable, and an image."""
    with open(html_path, encoding="utf-8") as f:
        page = f.read()
    page = page.replace('charset=utf-8', 'charset=gb2312').replace('charset=UTF-8', 'charset=gb2312')
    qp = quopri.encodestring(page.encode("gbk")).decode("ascii")
    image = base64.encodebytes(png(4, 4)).decode("ascii")
    message = (
        "From: <Saved by Windows Internet Explorer 11>\r\n"
        "Subject: =?gb2312?B?" + base64.b64encode("青石镇报告".encode("gbk")).decode() + "?=\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="----=_NextPart_000_0000"\r\n'
        "\r\nThis is a multi-part message in MIME format.\r\n\r\n"
        "------=_NextPart_000_0000\r\n"
        'Content-Type: text/html; charset="gb2312"\r\n'
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: file:///C:/report.htm\r\n\r\n"
        + qp.replace("\n", "\r\n")
        + "\r\n------=_NextPart_000_0000\r\n"
        "Content-Type: image/png\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "Content-Location: file:///C:/report_files/seal.png\r\n\r\n"
        + image.replace("\n", "\r\n")
        + "\r\n------=_NextPart_000_0000--\r\n"
    )
    with open(path, "wb") as f:
        f.write(message.encode("ascii"))


def png(w, h):
    raw = b"".join(b"\x00" + bytes([200] * w) for _ in range(h))

    def chunk(kind, data):
        c = kind + data
        return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c) & 0xFFFFFFFF)

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def ofd(path):
    """An OFD: A4 pages (mm), 30 characters a line at 5 mm, paragraphs indented two characters,
    a header on every page and `- N -` in the footer."""
    size, per_line, left, top, bottom = 5.0, 30, 25.0, 30.0, 270.0
    lines = []  # (text, x)
    for i, p in enumerate(paragraphs()):
        text = p.lstrip("\u3000 ")
        indent = 0 if i == 0 else (2 if len(text) != len(p) else 0)
        first = per_line - indent
        chunks = [text[:first]] + [text[j : j + per_line] for j in range(first, len(text), per_line)]
        for k, c in enumerate(chunks):
            if c:
                lines.append((c, left + (indent * size if k == 0 else 0)))
    per_page = int((bottom - top) / (size * 1.6))
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    files = {
        "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.0" DocType="OFD"><ofd:DocBody>'
        '<ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
        "Doc_0/Document.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}><ofd:CommonData><ofd:MaxUnitID>9999</ofd:MaxUnitID>'
        '<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>'
        + "".join(f'<ofd:Page ID="{n + 1}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
        + "</ofd:Pages></ofd:Document>",
        "Doc_0/PublicRes.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {ns} BaseLoc="Res"><ofd:Fonts>'
        '<ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>',
    }
    oid = 100
    for n, page in enumerate(pages):
        objs = []

        def obj(text, x, y, sz):
            nonlocal oid
            oid += 1
            w = len(text) * sz
            return (
                f'<ofd:TextObject ID="{oid}" Boundary="{x:.2f} {y:.2f} {w:.2f} {sz * 1.2:.2f}" Font="1" Size="{sz}">'
                f'<ofd:TextCode X="0" Y="{sz:.2f}" DeltaX="g {len(text) - 1} {sz}">{escape(text)}</ofd:TextCode></ofd:TextObject>'
            )

        objs.append(obj("云溪县青石镇人民政府", 80.0, 12.0, 3.5))
        for k, (text, x) in enumerate(page):
            objs.append(obj(text, x, top + k * size * 1.6, size))
        objs.append(obj(f"- {n + 1} -", 100.0, 282.0, 3.5))
        files[f"Doc_0/Pages/Page_{n}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {ns}><ofd:Content><ofd:Layer ID="{n + 1}">'
            + "".join(objs)
            + "</ofd:Layer></ofd:Content></ofd:Page>"
        )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)


def gbk_rtf(path):
    """An RTF as older Word and WPS write Chinese: code page 936, a GB2312 font, \\'xx escapes."""
    def esc(text):
        out = []
        for ch in text:
            if ord(ch) < 128:
                out.append("\\" + ch if ch in "\\{}" else ch)
            else:
                out.append("".join("\\'%02x" % b for b in ch.encode("gbk")))
        return "".join(out)

    body = []
    for i, p in enumerate(paragraphs()):
        align = "\\qc" if i == 0 else "\\qj\\fi560"
        body.append("\\pard%s\\f1\\fs28 %s\\par\n" % (align, esc(p.lstrip("\u3000 "))))
    rtf = (
        "{\\rtf1\\ansi\\ansicpg936\\deff0\\deflang1033\\deflangfe2052"
        "{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}{\\f1\\fnil\\fcharset134 " + esc("宋体") + ";}}"
        "{\\colortbl ;\\red0\\green0\\blue0;}"
        "{\\*\\generator Msftedit 5.41.21.2510;}"
        "{\\info{\\title " + esc("报告") + "}{\\author " + esc("党政办") + "}}"
        "{\\header\\pard\\qc\\f1 " + esc("云溪县青石镇人民政府") + "\\par}"
        "\\viewkind4\\uc1\n" + "".join(body) + "}"
    )
    with open(path, "wb") as f:
        f.write(rtf.encode("ascii"))


def scan_pdf(path):
    """A one-page PDF whose page draws an image and holds no text, as a scanner makes."""
    w, h = 60, 80
    pixels = zlib.compress(bytes(((x * 7 + y * 3) % 256) for y in range(h) for x in range(w)))
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % (w, h, len(pixels))
        + pixels
        + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, o in enumerate(objects):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "report.odt")
        odt(src)
        for fmt in ["pdf", "doc", "rtf", "docx", "html"]:
            soffice(src, fmt, tmp)
        resaved = os.path.join(tmp, "resaved")
        os.makedirs(resaved)
        soffice(src, "odt", resaved)
        for name in ["report.pdf", "report.doc", "report.rtf", "report.docx"]:
            shutil.copy(os.path.join(tmp, name), os.path.join(OUT, name))
        shutil.copy(os.path.join(resaved, "report.odt"), os.path.join(OUT, "report.odt"))
        shutil.copy(os.path.join(tmp, "report.doc"), os.path.join(OUT, "report.wps"))
        mht(os.path.join(tmp, "report.html"), os.path.join(OUT, "report.mht"))
        table = os.path.join(tmp, "table.odt")
        table_odt(table)
        for fmt in ["doc", "rtf", "docx"]:
            soffice(table, fmt, tmp)
            shutil.copy(os.path.join(tmp, "table." + fmt), os.path.join(OUT, "table." + fmt))
        os.makedirs(os.path.join(tmp, "t"))
        soffice(table, "odt", os.path.join(tmp, "t"))
        shutil.copy(os.path.join(tmp, "t", "table.odt"), os.path.join(OUT, "table.odt"))
    ofd(os.path.join(OUT, "report.ofd"))
    gbk_rtf(os.path.join(OUT, "report-gbk.rtf"))
    scan_pdf(os.path.join(OUT, "scan.pdf"))
    with open(os.path.join(OUT, "scan.png"), "wb") as f:
        f.write(png(8, 8))


if __name__ == "__main__":
    main()
