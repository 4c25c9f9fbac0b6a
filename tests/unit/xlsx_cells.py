#!/usr/bin/env python3
"""xlsx_cells.py FILE — prints every cell of an .xlsx workbook, one per line:

    Sheet name!B7<TAB>value

Reads the file with the standard library only (zipfile + xml), the way a
spreadsheet program would: sheet names from xl/workbook.xml and its
relationships, strings from xl/sharedStrings.xml (or inline), numbers as
written. Used by tests/unit/test_plan_import.c and tests/cli/run.sh to check Lots's
Excel export cell by cell. Newlines inside a value are printed as \\n.
"""
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def text_of(si):
    return "".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))


def main(path):
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        shared = []
        if "xl/sharedStrings.xml" in names:
            root = ET.fromstring(z.read("xl/sharedStrings.xml"))
            shared = [text_of(si) for si in root.findall("m:si", NS)]
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        for sheet in wb.find("m:sheets", NS).findall("m:sheet", NS):
            name = sheet.get("name")
            rid = sheet.get("{%s}id" % NS["r"])
            part = target[rid].lstrip("/")
            if not part.startswith("xl/"):
                part = "xl/" + part
            root = ET.fromstring(z.read(part))
            for c in root.iter("{%s}c" % NS["m"]):
                t = c.get("t")
                v = c.find("m:v", NS)
                if t == "s":
                    value = shared[int(v.text)]
                elif t == "inlineStr":
                    value = text_of(c.find("m:is", NS))
                elif v is not None:
                    value = v.text
                else:
                    continue
                print("%s!%s\t%s" % (name, c.get("r"), value.replace("\n", "\\n")))


if __name__ == "__main__":
    main(sys.argv[1])
