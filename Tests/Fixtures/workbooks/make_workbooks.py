# Makes the workbook fixtures from the sample quarters' CSV files, typed as a chair keeps them
# in Excel: dates as date cells (dd/mm/yyyy, a few left as text), months as date cells shown
# mmm-yy, counts as number cells, the activity values as formulas, a rich-text title, a hidden
# sheet of lookups. Run from the repository root:
#
#     python3 Tests/Fixtures/workbooks/make_workbooks.py
#
# Writes, with openpyxl 3.1:
#   2024-25-Q2/<table>.xlsx   a workbook per table, as openpyxl writes it (the cases in the
#                             1904 date system);
# and, with LibreOffice 7.4 (soffice --headless --convert-to xlsx, which works out the
# formulas and saves their results):
#   2024-25-Q3/quarter.xlsx   the quarter in one workbook, a sheet per table;
# and with openpyxl again, the same quarter with mistakes a chair makes, both ways:
#   mistakes/<table>.csv      the tables with a mistake, as CSV;
#   mistakes/quarter.xlsx     every table of the quarter, the mistakes included, as a workbook.
# The tests never run this: CI has no LibreOffice.
import csv, datetime as dt, os, shutil, subprocess, sys, tempfile
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
REPORTS = os.path.join(HERE, "..", "..", "..", "reports")
TABLES = ["psg-cases", "successes", "blockers", "carmel-activity", "think-communities", "ocg-referrals", "you-said-we-did"]
DATES = {"date", "opened", "closed", "raised", "resolved", "started"}
MONTHS = {"month"}
NUMBERS = {"value", "count"}

def parse_date(s):
    for f in ("%Y-%m-%d", "%d/%m/%Y"):
        try: return dt.datetime.strptime(s, f)
        except ValueError: pass
    return None

def parse_month(s):
    try: return dt.datetime.strptime(s, "%Y-%m")
    except ValueError: return None

def fill(ws, path, formulas=False, text_dates_every=0):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    ws.append(header)
    for i, r in enumerate(rows[1:], start=2):
        out = []
        for name, v in zip(header, r):
            name = name.strip()
            if v == "":
                out.append(None)
            elif name in DATES and parse_date(v) and not (text_dates_every and i % text_dates_every == 0):
                out.append(parse_date(v))
            elif name in MONTHS and parse_month(v):
                out.append(parse_month(v))
            elif name in NUMBERS and v.lstrip("-").isdigit():
                n = int(v)
                out.append(f"={n}*1" if formulas and i % 3 == 0 else n)
            else:
                out.append(v)
        ws.append(out)
    for row in ws.iter_rows(min_row=2):
        for c in row:
            name = header[c.column - 1].strip() if c.column <= len(header) else ""
            if name in DATES and isinstance(c.value, dt.datetime): c.number_format = "dd/mm/yyyy"
            if name in MONTHS and isinstance(c.value, dt.datetime): c.number_format = "mmm-yy"
    ws.freeze_panes = "A2"
    return header

def quarter_workbook(folder, out):
    wb = Workbook()
    wb.remove(wb.active)
    for t in TABLES:
        path = os.path.join(folder, t + ".csv")
        if not os.path.exists(path): continue
        ws = wb.create_sheet(t)
        header = fill(ws, path, formulas=(t == "carmel-activity"), text_dates_every=(5 if t == "successes" else 0))
        if t == "psg-cases":
            # A title in two runs, the second bold: Excel keeps it as rich text.
            c = ws.cell(row=2, column=header.index("title") + 1)
            text = c.value
            cut = len(text) // 2
            c.value = CellRichText(text[:cut], TextBlock(InlineFont(b=True), text[cut:]))
    lookups = wb.create_sheet("lookups")
    for s in ["open", "monitoring", "closed"]: lookups.append([s])
    lookups.sheet_state = "hidden"
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "quarter.xlsx")
        wb.save(raw)
        subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", os.path.join(tmp, "out"), raw],
                       check=True, stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, "out", "quarter.xlsx"), out)

def table_workbooks(folder, outdir):
    for t in TABLES:
        path = os.path.join(folder, t + ".csv")
        if not os.path.exists(path): continue
        wb = Workbook()
        if t == "psg-cases": wb.epoch = CALENDAR_MAC_1904
        ws = wb.active
        ws.title = "Sheet1" if t != "successes" else "Successes Q2"
        fill(ws, path)
        wb.save(os.path.join(outdir, t + ".xlsx"))

os.makedirs(os.path.join(HERE, "2024-25-Q3"), exist_ok=True)
os.makedirs(os.path.join(HERE, "2024-25-Q2"), exist_ok=True)
quarter_workbook(os.path.join(REPORTS, "2024-25-Q3"), os.path.join(HERE, "2024-25-Q3", "quarter.xlsx"))
table_workbooks(os.path.join(REPORTS, "2024-25-Q2"), os.path.join(HERE, "2024-25-Q2"))

# A chair's mistakes, each at a (table, sheet row, column): the same in the CSV files and in the
# workbook, so a test can check the messages name the same cells.
MISTAKES = {
    "psg-cases": [(5, "area", "Nroth"), (8, "opened", "31/02/2024"), (12, "status", "opne")],
    "blockers": [(3, "escalate", "maybe"), (6, "resolved", "2024-13-01")],
    "carmel-activity": [(10, "value", "-3"), (20, "month", "2024-11-15"), (30, "step", "engagment")],
    "successes": [(4, "date", "2025-02-01")],
}

def mistakes(folder, outdir):
    os.makedirs(outdir, exist_ok=True)
    wb = Workbook()
    wb.remove(wb.active)
    for t in TABLES:
        path = os.path.join(folder, t + ".csv")
        if not os.path.exists(path): continue
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        for row, column, value in MISTAKES.get(t, []):
            rows[row - 1][rows[0].index(column)] = value
        target = path
        if t in MISTAKES:
            target = os.path.join(outdir, t + ".csv")
            with open(target, "w", encoding="utf-8", newline="") as f:
                csv.writer(f, lineterminator="\n").writerows(rows)
        fill(wb.create_sheet(t), target)
    wb.save(os.path.join(outdir, "quarter.xlsx"))

mistakes(os.path.join(REPORTS, "2024-25-Q3"), os.path.join(HERE, "mistakes"))
