# Reads an exported workbook with openpyxl (an independent reader) and prints what a printer and a
# person would see of its first sheet, as JSON for the Go tests to check.
import json
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
ps = ws.page_setup
header_row = int(sys.argv[2]) if len(sys.argv) > 2 else 3
print(json.dumps({
    "sheet": ws.title,
    "title": ws["A1"].value,
    "subtitle": ws["A2"].value,
    "merged": [str(r) for r in ws.merged_cells.ranges],
    "header": [c.value for c in ws[header_row]],
    "rows": [[c.value for c in row] for row in ws.iter_rows(min_row=header_row + 1)],
    "paperSize": int(ps.paperSize) if ps.paperSize is not None else None,
    "orientation": ps.orientation,
    "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
    "fitToWidth": ps.fitToWidth,
    "fitToHeight": ps.fitToHeight,
    "printTitleRows": ws.print_title_rows,
    "rowHeight": ws.row_dimensions[header_row + 1].height,
    "border": ws.cell(row=header_row + 1, column=2).border.left.style,
    "textCells": [c.coordinate for row in ws.iter_rows(min_row=header_row + 1) for c in row if c.number_format == "@" and c.value is not None],
}, ensure_ascii=False))
