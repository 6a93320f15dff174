"""Reliability: load, faults, bad input, isolation, secrets, persistence, safe defaults.

The modules without `test_` are the kit these tests share with `make soak`
(`bench/soak.py`), which runs the same scenarios at their large sizes:

    contract.py   every response checked against openapi.yaml (schemas, statuses, headers)
    rawhttp.py    requests as raw bytes on a socket, for what httpx refuses to send
    malformed.py  generators of malformed requests, each with the answer it must get
    scenarios.py  load, faults, bad input and kill -9 persistence runs, sized by arguments
    writer.py     the process that writes receipts until it is killed (persistence)
"""
