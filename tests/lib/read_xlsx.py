#!/usr/bin/python3
"""Reads an .xlsx the way a spreadsheet does (openpyxl) and prints what the tests check as JSON:
the first sheet's name, frozen pane, autofilter range, and every cell as {v, type, format}, with
dates and times as ISO text ("2026-03-15T09:30:00") and numbers as numbers."""
import datetime
import json
import sys

import openpyxl


def cell(c):
    v = c.value
    if v is None:
        return None
    if isinstance(v, datetime.datetime):
        return {"v": v.isoformat(), "type": "date", "format": c.number_format}
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return {"v": v, "type": "number", "format": c.number_format}
    return {"v": str(v), "type": "text", "format": c.number_format}


book = openpyxl.load_workbook(sys.argv[1])
sheet = book.worksheets[0]
print(json.dumps({
    "sheet": sheet.title,
    "freeze": sheet.freeze_panes,
    "autofilter": sheet.auto_filter.ref,
    "merged": [str(r) for r in sheet.merged_cells.ranges],
    "rows": [[cell(c) for c in row] for row in sheet.iter_rows()],
}, ensure_ascii=False))
