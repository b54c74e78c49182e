"""Report sections built from what the kinds register (casework.reporting), shared by the
reports that show them: a kind's figures and charts, its follow-up list, the UPG recap,
and the conflict-of-interest registers. Each function returns `reports.document`
blocks or sections; none reads a kind's models."""
