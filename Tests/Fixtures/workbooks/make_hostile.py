# Writes the workbook cases of Tests/BadInputs (90-99): workbooks made part by part with
# Python's zipfile, so that each holds exactly the oddity or the attack it tests, as Excel,
# LibreOffice or an attacker could write it. Run from the repository root:
#
#     python3 Tests/Fixtures/workbooks/make_hostile.py
#
# then record each case's expected.txt (CSP_RECORD_BAD_INPUTS=1) and read every line.
import csv, io, os, struct, zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "BadInputs")
BASE = os.path.join(ROOT, "base", "reports", "2021-22-Q3")
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")

def col(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s

def inline_sheet(rows):
    """Rows of str/None as inline strings, every cell with its reference."""
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {NS}><sheetData>']
    for i, r in enumerate(rows, start=1):
        out.append(f'<row r="{i}">')
        for j, v in enumerate(r, start=1):
            if v:
                out.append(f'<c r="{col(j)}{i}" t="inlineStr"><is><t>{esc(v)}</t></is></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)

def workbook(sheets, shared=None, styles=None, date1904=False, compress=zipfile.ZIP_DEFLATED):
    """sheets: [(name, xml, state)]. Returns the .xlsx bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compress, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        pr = '<workbookPr date1904="1"/>' if date1904 else ""
        entries = "".join(f'<sheet name="{esc(n)}" sheetId="{i}"{" state=%s" % chr(34) + st + chr(34) if st else ""} r:id="rId{i}"/>' for i, (n, _, st) in enumerate(sheets, start=1))
        z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS}>{pr}<sheets>{entries}</sheets></workbook>')
        rels = "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))
        if shared is not None:
            rels += '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            z.writestr("xl/sharedStrings.xml", shared)
        if styles is not None:
            rels += '<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/>'
            z.writestr("xl/styles.xml", styles)
        z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        for i, (_, xml, _) in enumerate(sheets, start=1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", xml)
    return buf.getvalue()

def base_rows(table):
    with open(os.path.join(BASE, table + ".csv"), encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))

def case(name, files, remove=(), comment=""):
    folder = os.path.join(ROOT, name)
    os.makedirs(os.path.join(folder, "2021-22-Q3"), exist_ok=True)
    for path, data in files.items():
        with open(os.path.join(folder, "2021-22-Q3", path), "wb") as f:
            f.write(data)
    if remove:
        with open(os.path.join(folder, "remove.txt"), "w") as f:
            f.write("".join(f"2021-22-Q3/{r}\n" for r in remove))
    expected = os.path.join(folder, "expected.txt")
    if not os.path.exists(expected):
        with open(expected, "w") as f:
            f.write(f"# {comment}\n")

# Styles: 0 General, 1 built-in date 14, 2 custom dd/mm/yyyy (164), 3 custom mmm-yy (165),
# 4 a number with a day-like literal in quotes (not a date), 5 built-in 0.00.
STYLES = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="mmm\\-yy"/>'
          '<numFmt numFmtId="166" formatCode="0&quot; days&quot;"/></numFmts>'
          '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
          '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/>'
          '<xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="166" applyNumberFormat="1"/><xf numFmtId="2"/></cellXfs></styleSheet>')

# 90: every odd but legal way Excel and LibreOffice write cells, and one error cell.
rows = base_rows("psg-cases")
shared = ['<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">']
strings = []
def s(v):
    strings.append(v)
    return len(strings) - 1
cells = []
header = "".join(f'<c r="{col(j)}1" t="s"><v>{s(h)}</v></c>' for j, h in enumerate(rows[0], start=1))
cells.append(f'<row r="1" spans="1:11">{header}</row>')
# C-1: sparse cells without r, a date cell with the built-in date style, rich text in the title.
title_runs = len(strings); strings.append(None)
cells.append('<row r="2"><c t="inlineStr"><is><t>C-1</t></is></c>'
             f'<c t="s"><v>{title_runs}</v></c><c t="s"><v>{s("North")}</v></c>'
             f'<c t="s"><v>{s("Arbury Court")}</v></c><c t="s"><v>{s("drug dealing")}</v></c>'
             f'<c t="s"><v>{s("Cambridgeshire Constabulary")}</v></c><c t="s"><v>{s("City Council; Sanctuary Housing")}</v></c>'
             '<c s="1"><v>44348</v></c><c/><c t="str"><f>LOWER("OPEN")</f><v>open</v></c></row>')
# C-2: a custom date format, a datetime with a time of day, a formula with its cached value.
cells.append(f'<row r="3"><c r="A3" t="s"><v>{s("C-2")}</v></c><c r="B3" t="s"><v>{s("Street drinking on Mill Road")}</v></c>'
             f'<c r="C3" t="s"><v>{s("East")}</v></c><c r="D3" t="inlineStr"><is><r><t>Mill </t></r><r><rPr><b/></rPr><t>Road</t></r></is></c>'
             f'<c r="E3" t="s"><v>{s("street drinking")}</v></c><c r="F3" t="s"><v>{s("Cambridge City Council")}</v></c>'
             f'<c r="G3" t="s"><v>{s("Police; Change Grow Live")}</v></c><c r="H3" s="2"><v>44473.75</v></c>'
             f'<c r="I3" s="2"><f>H3+67</f><v>44540</v></c><c r="J3" t="s"><v>{s("closed")}</v></c><c r="K3" t="s"><v>{s("improved")}</v></c></row>')
# C-3: dates as text (as typed), an error cell where the location was looked up.
cells.append(f'<row r="4"><c r="A4" t="s"><v>{s("C-3")}</v></c><c r="B4" t="s"><v>{s("Cycle theft at the station")}</v></c>'
             f'<c r="C4" t="s"><v>{s("West/Central")}</v></c><c r="D4" t="e"><f>VLOOKUP(A4,lookups!A:B,2,FALSE)</f><v>#N/A</v></c>'
             f'<c r="E4" t="s"><v>{s("cycle theft")}</v></c><c r="F4" t="s"><v>{s("Cambridgeshire Constabulary")}</v></c>'
             f'<c r="H4" t="s"><v>{s("01/09/2021")}</v></c><c r="I4" t="s"><v>{s("15/11/2021")}</v></c>'
             f'<c r="J4" t="s"><v>{s("closed")}</v></c><c r="K4" t="s"><v>{s("resolved")}</v></c></row>')
# C-4: an ISO date cell (t="d", as some writers do), a number format that is not a date.
cells.append(f'<row r="5"><c r="A5" t="s"><v>{s("C-4")}</v></c><c r="B5" t="s"><v>{s("Youth ASB Cherry Hinton")}</v></c>'
             f'<c r="C5" t="s"><v>{s("South")}</v></c><c r="D5" t="s"><v>{s("Cherry Hinton Hall")}</v></c>'
             f'<c r="E5" t="s"><v>{s("youth ASB")}</v></c><c r="F5" t="s"><v>{s("Cambridge City Council")}</v></c>'
             f'<c r="H5" t="d"><v>2021-11-20T00:00:00</v></c><c r="J5" t="s"><v>{s("monitoring")}</v></c></row>')
# Rows formatted but empty, down to row 1000, as Excel keeps them after a fill-down.
for r in range(6, 1001):
    cells.append(f'<row r="{r}" s="1" customFormat="1"><c r="H{r}" s="1"/><c r="I{r}" s="1"/></row>')
sst = []
for v in strings:
    if v is None:
        sst.append('<si><r><t xml:space="preserve">Drug dealing at </t></r><r><rPr><b/></rPr><t>Arbury Court</t></r>'
                   '<rPh sb="0" eb="1"><t>ドラッグ</t></rPh></si>')
    else:
        sst.append(f"<si><t>{esc(v)}</t></si>")
shared.append("".join(sst) + "</sst>")
odd = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {NS}><sheetPr/><sheetData>' + "".join(cells) + "</sheetData></worksheet>"
lookups = inline_sheet([["C-3", "Station Road"]])
case("90-workbook-odd-but-legal-cells", {"quarter.xlsx": workbook([("psg-cases", odd, None), ("lookups", lookups, "hidden")], shared="".join(shared), styles=STYLES)},
     remove=["psg-cases.csv"], comment="quarter.xlsx as Excel writes it: shared and inline strings, rich text, sparse cells, date styles, a formula, formatted empty rows, a hidden sheet; one #N/A cell")

# 91: a table kept both as CSV and as a sheet.
case("91-workbook-table-given-twice", {"quarter.xlsx": workbook([("successes", inline_sheet(base_rows("successes")), None)])},
     comment="successes.csv and a successes sheet in quarter.xlsx")

# 92: a zip bomb: the sheet declares 3 GB once inflated (the sizes in both headers say so).
bomb = bytearray(workbook([("Sheet1", inline_sheet(base_rows("psg-cases")), None)]))
def patch_sizes(data, name, size):
    n = name.encode()
    for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        i = 0
        while (i := data.find(sig, i)) >= 0:
            name_len_at = 26 if sig == b"PK\x03\x04" else 28
            start = 30 if sig == b"PK\x03\x04" else 46
            ln = struct.unpack_from("<H", data, i + name_len_at)[0]
            if data[i + start:i + start + ln] == n:
                struct.pack_into("<I", data, i + off, size)
            i += 4
patch_sizes(bomb, "xl/worksheets/sheet1.xml", 3_000_000_000)
case("92-workbook-zip-bomb", {"psg-cases.xlsx": bytes(bomb)}, remove=["psg-cases.csv"],
     comment="a zip bomb: the sheet says it inflates to 3 GB")

# 93: entity declarations ("billion laughs") in the sheet XML.
laughs = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
          '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
          '<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
          '<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>'
          f'<worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')
case("93-workbook-entity-declarations", {"psg-cases.xlsx": workbook([("Sheet1", laughs, None)])}, remove=["psg-cases.csv"],
     comment="sheet XML declaring entities that expand to gigabytes (billion laughs)")

# 94: an .xlsx that is really a CSV file; 95: a .csv that is really a workbook.
with open(os.path.join(BASE, "psg-cases.csv"), "rb") as f:
    cases_csv = f.read()
case("94-workbook-that-is-csv", {"psg-cases.xlsx": cases_csv}, remove=["psg-cases.csv"],
     comment="psg-cases.xlsx holds CSV text (renamed, not saved as a workbook)")
case("95-csv-that-is-workbook", {"successes.csv": workbook([("successes", inline_sheet(base_rows("successes")), None)])},
     comment="successes.csv is a workbook renamed .csv")

# 96: a password-protected workbook (an OLE compound file holding an EncryptedPackage stream);
# 97: an old .xls (an OLE compound file with a Workbook stream).
def compound(stream_name):
    head = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
    entry = stream_name.encode("utf-16-le").ljust(64, b"\0") + bytes(64)
    return head + entry + bytes(1024)
case("96-workbook-with-password", {"psg-cases.xlsx": compound("EncryptedPackage")}, remove=["psg-cases.csv"],
     comment="psg-cases.xlsx is protected by a password")
case("97-workbook-old-xls", {"psg-cases.xls": compound("Workbook"), "quarter.xlsx": compound("Workbook")}, remove=["psg-cases.csv"],
     comment="psg-cases.xls (Excel 97-2003) instead of the CSV, and an .xls saved under the name quarter.xlsx")

# 98: a damaged zip: the workbook cut short (a download that stopped).
whole = workbook([("psg-cases", inline_sheet(base_rows("psg-cases")), None)])
case("98-workbook-corrupt-zip", {"quarter.xlsx": whole[: len(whole) * 2 // 3]}, remove=["psg-cases.csv"],
     comment="quarter.xlsx cut short: its zip container is broken")

# 99: millions of empty formatted cells after the table, a value beyond the columns read, and
# a cell longer than Excel allows in another table.
body = [inline_sheet(base_rows("psg-cases")).split("</sheetData>")[0]]
empty_row = "<c s=\"0\"/>" * 50
for r in range(10, 60010):
    body.append(f'<row>{empty_row}</row>')  # numbered by position, as some writers leave them
body.append('<row r="60010"><c r="CW60010" t="inlineStr"><is><t>stray note</t></is></c></row>')
body.append("</sheetData></worksheet>")
long = inline_sheet(base_rows("blockers")).replace("No tenancy enforcement", "x" * 200_000, 1)
case("99-workbook-empty-cells-and-long-cell",
     {"quarter.xlsx": workbook([("psg-cases", "".join(body), None), ("blockers", long, None)])},
     remove=["psg-cases.csv", "blockers.csv"],
     comment="three million empty cells and a value in column CW (psg-cases); a cell of 200,000 characters (blockers)")
