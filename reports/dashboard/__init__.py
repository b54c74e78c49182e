"""The Pimpinan's dashboard (/staf/laporan/dasbor/): where every kind of case stands today.

counts.py computes the numbers, the same for every reader, in a fixed number of grouped
queries; page.py turns them into what one reader sees (links to the cases behind a
figure where that reader's lists hold them, WBS as counts only); views.py serves it.
"""
