"""Load-test helper: measures TTFT and TPOT against an OpenAI-compatible endpoint."""
import time

ttft = None  # identifiers are code, not mentions: this line has no hover on "ttft"


def measure(stream):
    # TTFT: time until the first streamed chunk arrives (includes queueing and prefill)
    start = time.monotonic()
    first = next(stream)
    ttft_s = time.monotonic() - start
    # TPOT is the mean gap between later tokens; the KV cache grows by one entry per step
    rest = list(stream)
    return first, ttft_s, rest
