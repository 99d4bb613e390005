"""The reader's corrections and notes: one home for what a reader decides over the data.

A correction is stored user data laid over the output of extraction and linking, so it sits
after app/link in the pipeline and before the pages: keys.py names what a correction is
stored by (nothing that a reprocess renumbers), apply.py lays every correction over the
tables after each ingest, reprocess or edit, record.py writes and undoes them, pages.py
reads them for the correction pages.
"""
