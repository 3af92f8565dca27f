#!/usr/bin/env python3
"""poll.py HOST PAGE INTERVAL: requests http://HOST/PAGE through the local Apache every INTERVAL
seconds (start to start) until killed, printing one "epoch_seconds status" line per request
(status 000 when no answer came within 5 s or the connection failed).

One process keeping one connection (made again after a failure): a curl started per request costs
a fork and an exec each time, CPU that the 2-core machine takes from what is being measured. The
rate is what the benchmark asks, the cost of each request on the server side is the instance's."""
import http.client
import sys
import time

host, page, interval = sys.argv[1], sys.argv[2], float(sys.argv[3])
connection = None
next_at = time.monotonic()
while True:
    status = "000"
    try:
        if connection is None:
            connection = http.client.HTTPConnection("127.0.0.1", 80, timeout=5)
        connection.request("GET", page, headers={"Host": host})
        response = connection.getresponse()
        response.read()
        status = "%03d" % response.status
        if response.getheader("Connection", "").lower() == "close":
            connection.close()
            connection = None
    except (OSError, http.client.HTTPException):
        if connection is not None:
            connection.close()
        connection = None
    print("%.6f %s" % (time.time(), status), flush=True)
    next_at += interval
    time.sleep(max(0.0, next_at - time.monotonic()))
