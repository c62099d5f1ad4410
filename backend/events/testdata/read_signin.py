# Reads an exported sign-in sheet with openpyxl (an independent reader) and prints what a printer
# and a person would see, as JSON for the Go test to check.
import json
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
ps = ws.page_setup
print(json.dumps({
    "sheet": ws.title,
    "title": ws["A1"].value,
    "subtitle": ws["A2"].value,
    "header": [c.value for c in ws[3]],
    "rows": [[c.value for c in row] for row in ws.iter_rows(min_row=4)],
    "paperSize": int(ps.paperSize) if ps.paperSize is not None else None,
    "orientation": ps.orientation,
    "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
    "fitToWidth": ps.fitToWidth,
    "fitToHeight": ps.fitToHeight,
    "printTitleRows": ws.print_title_rows,
    "rowHeight": ws.row_dimensions[4].height,
    "border": ws["E4"].border.left.style,
    "mobileType": ws["D4"].data_type,
}, ensure_ascii=False))
