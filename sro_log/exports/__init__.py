"""The grant report's files: tidy CSV, Excel workbook and PDF, each with small counts withheld."""

import logging

# Set before WeasyPrint is imported (it parses its own stylesheets then): fontTools logs every
# font table it subsets and WeasyPrint every layout step; their warnings still come through.
for _name in ("fontTools", "weasyprint.progress"):
    logging.getLogger(_name).setLevel(logging.WARNING)
