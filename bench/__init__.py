"""`make bench`: measure pages, search, the map and the digest run on a large generated data set.

Each module in this package (other than ``harness``) defines ``run(harness)``; the runner creates
a scratch database, calls them in name order and prints one table.
"""
