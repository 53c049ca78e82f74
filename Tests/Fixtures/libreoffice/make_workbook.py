# A quarter kept in Excel by hand, written with openpyxl: date cells shown dd/mm/yyyy, months as
# date cells shown mmm-yy (what Excel makes of 2021-10), a title with a line break, numbers as
# number cells, areas in any case, activity kept as a log.
import datetime as dt
from openpyxl import Workbook
wb = Workbook()
def sheet(name, header, rows, date_cols=(), month_cols=()):
    ws = wb.create_sheet(name)
    ws.append(header)
    for r in rows:
        ws.append(r)
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if c.column - 1 in date_cols and isinstance(c.value, dt.date):
                c.number_format = "dd/mm/yyyy"
            if c.column - 1 in month_cols and isinstance(c.value, dt.date):
                c.number_format = "mmm-yy"
wb.remove(wb.active)
D = dt.datetime
sheet("psg-cases", ["case_id","title","area","location","issue","lead_agency","partners","opened","closed","status","outcome"], [
    ["C-1", "Drug dealing at Arbury Court", "north", "Arbury Court", "drug dealing", "Cambridgeshire Constabulary", "City Council; Sanctuary Housing", D(2021,6,1), None, "open", None],
    ["C-2", "Street drinking,\nMill Road", "East", "Mill Road", "street drinking", "Cambridge City Council", "Police; Change Grow Live", D(2021,10,4), D(2021,12,10), "closed", "improved"],
    ["C-4", "Youth ASB Cherry Hinton", "SOUTH", "Cherry Hinton Hall", "youth ASB", "Cambridge City Council", None, D(2021,11,20), None, "monitoring", None],
], date_cols=(7, 8))
sheet("successes", ["date","area","case_id","step","title","detail","partners"], [
    [D(2021,10,20), "North", "C-1", "targeted-activity", "Warrant executed", "Drugs, cash & a \"knife\" seized", "Police"],
    [D(2021,11,21), "east", "C-2", "problem-solving", "Alcohol-free zone", None, "City Council"],
    [D(2021,12,1), "City-wide", None, "engagement", "County Lines week", None, None],
], date_cols=(0,))
sheet("blockers", ["blocker_id","raised","area","case_id","owner","description","escalate","status","resolved","resolution"], [
    ["B-1", D(2021,7,1), "North", "C-1", "Sanctuary Housing", "No tenancy enforcement", "yes", "open", None, None],
    ["B-5", D(2021,8,2), "West/Central", "C-3", "Network Rail", "Cycle racks promised before the case closed are not fitted", "no", "open", None, None],
], date_cols=(1, 8))
sheet("carmel-activity", ["month","area","step","measure","value"], [
    [D(2021,10,1), "North", "engagement", "Engagement events", 2],
    [D(2021,10,1), "North", "engagement", "Engagement events", 2],
    [D(2021,11,1), "north", "Engagement", "Engagement events", 6],
    [D(2021,12,1), "North", "targeted-activity", "Arrests", 3],
    [D(2021,10,1), "East", "problem-solving", "Problem-solving plans", 2],
    [D(2021,10,1), "Central", "think-communities", "ABCD conversations", 12],
], month_cols=(0,))
sheet("think-communities", ["area","project","stage","lead","partners","started","update"], [
    ["North", "Arbury community fridge", "active", "Think Communities", None, D(2021,5,1), "Running weekly"],
    ["East", "Romsey street party", "idea", None, None, None, None],
], date_cols=(5,))
wb.save("quarter.xlsx")
print("ok")
