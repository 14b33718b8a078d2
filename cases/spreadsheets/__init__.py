"""Spreadsheet import and export of people, organizations, cases and their records.

One file holds one kind of row. formats.py reads and writes CSV and XLSX row by row;
values.py reads and writes single cells; columns.py, kinds.py, contests.py and catalog.py
describe each kind's columns and key; refs.py finds referenced rows in bulk; rows.py maps
a header and parses rows; importer.py checks a file with the models' rules (constraints.py
evaluates check constraints without a query per row) and writer.py writes it, all or
nothing; report.py is what staff read; exporter.py writes what a role may see in the same
format; views.py is the staff page. The format is documented in docs/import-format.md.
"""
