#!/usr/bin/python3
"""Fills a workbook as a person would in Excel (openpyxl): python3 fill_xlsx.py TEMPLATE OUT ROWS.json, where
ROWS.json is {"sheet name": [[cell, …], …]} appended under each sheet's header; {"-sheet name": null}
deletes a sheet. Prints every sheet's name and row count as JSON."""
import json
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
rows = json.load(open(sys.argv[3], encoding="utf-8"))
for name, values in rows.items():
    if name.startswith("-"):
        del book[name[1:]]
        continue
    sheet = book[name]
    for row in values:
        sheet.append(row)
book.save(sys.argv[2])
print(json.dumps({s.title: s.max_row for s in book.worksheets}, ensure_ascii=False))
