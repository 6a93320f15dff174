"""Benchmarks of the generated client and the emulator against their peers (issue 6).

`python -m bench` (`make bench`) runs them all and writes bench/results/; each module
measures one thing: `listing` (list every receipt: raw loop, sync_all, asyncio_all,
twilio-python), `parsing` (µs per receipt), `server` (emulator requests/s against a
static ceiling, peak memory), `build` (regeneration, make test). `seed`, `process`,
`load`, `machine` and `timing` are what they share; `targets` holds the goals, `report`
the table, JSON and chart, `run` the order of it all. `soak` is separate: the reliability
runs of `make soak`.
"""
