"""`make update-spec`, one module per step: read, diff, overlays, stage (and install), report.

scripts/update_spec.py is the command; it runs the steps in order for HeyGen's v2 page, and
`v3` runs the shorter path for HeyGen's published v3 document. The package is private to scripts/.
"""
