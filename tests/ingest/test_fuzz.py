"""The readers on damaged documents of every format: no crash, each problem a clear one-line error.

A CI-sized run; ``python bench/fuzz_readers.py`` runs thousands of examples.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from dossier.ingest import read_bytes
from tests.ingest.malformed import VALID, check_reader_result, malformed_input


def test_every_valid_sample_reads_without_errors():
    for name, data in VALID.items():
        items = list(read_bytes(data, name))
        check_reader_result(items)
        assert items and not [i for i in items if not hasattr(i, "raw")], name


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=malformed_input())
def test_damaged_documents_never_crash_a_reader(case):
    data, name = case
    check_reader_result(list(read_bytes(data, name)))
