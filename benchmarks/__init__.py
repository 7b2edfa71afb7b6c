"""Benchmarks: the workloads, the lecture's engine and torch as baselines, and the report.

Run ``python -m benchmarks`` for the full report (``benchmarks/RESULTS.md`` is one) or
``python -m benchmarks --quick`` for the CI smoke run (small sizes, under a minute, no timing
assertions). Torch baselines are skipped, with a note, when torch is not installed.
"""
