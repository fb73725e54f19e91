"""What a run shows: the bar on a terminal, plain lines otherwise, the summary table."""

from __future__ import annotations

import io

from misp_module.deliver.sync.output import ConsoleProgress, summary_line, summary_table
from misp_module.deliver.sync.runner import Summary
from misp_module.deliver.sync.sinks import Outcome


def test_a_terminal_gets_a_bar_redrawn_in_place() -> None:
    stream = io.StringIO()
    progress = ConsoleProgress(stream, interactive=True)
    progress.start(2)
    progress.report("a.txt", Outcome("created"), dry_run=False)
    progress.report("b.txt", Outcome("unchanged"), dry_run=False)
    progress.finish()
    text = stream.getvalue()
    assert "\r[" in text and "2/2" in text and "\n" not in text


def test_a_pipe_gets_one_line_per_report_that_needed_work() -> None:
    stream = io.StringIO()
    progress = ConsoleProgress(stream, interactive=False)
    progress.start(3)
    progress.report("a.txt", Outcome("created"), dry_run=False)
    progress.report("b.txt", Outcome("unchanged"), dry_run=False)
    progress.report("c.txt", Outcome("failed", ["c.txt: file is empty"]), dry_run=False)
    assert stream.getvalue() == "created a.txt\nfailed c.txt: c.txt: file is empty\n"


def test_the_summary_table_counts_every_action() -> None:
    summary = Summary()
    summary.counts.update({"created": 2, "unchanged": 5})
    summary.failures.append(("c.txt", "file is empty"))
    summary.warnings.append(("a.txt", "MISP dropped tag 'x'"))
    table = summary_table(summary, "./reports", "feed:/srv/feed", dry_run=False)
    assert table.splitlines()[1:7] == [
        "  created         2",
        "  updated         0",
        "  unchanged       5",
        "  retired         0",
        "  failed          1",
        "  warnings        1",
    ]
    assert "failed   c.txt: file is empty" in table
    # the warning was logged as it happened: the table counts it and does not say it again
    assert "MISP dropped tag" not in table and "1 warning: each printed as it happened" in table


def test_a_failure_printed_as_it_happened_is_counted_not_repeated() -> None:
    summary = Summary()
    summary.failures += [("c.txt", "file is empty"), ("*", "cannot use MISP: refused")]
    progress = ConsoleProgress(io.StringIO(), interactive=False)
    progress.report("c.txt", Outcome("failed", ["file is empty"]), dry_run=False)
    table = summary_table(summary, "./reports", "misp:x", dry_run=False, said=progress.said)
    assert "c.txt" not in table and "1 failure: each printed as it happened" in table
    assert "failed   *: cannot use MISP: refused" in table  # never a progress line: under the table


def test_quiet_progress_shows_only_failures_even_on_a_terminal() -> None:
    stream = io.StringIO()
    progress = ConsoleProgress(stream, interactive=True, quiet=True)
    progress.start(2)
    progress.report("a.txt", Outcome("created"), dry_run=False)
    progress.report("c.txt", Outcome("failed", ["file is empty"]), dry_run=False)
    progress.finish()
    assert stream.getvalue() == "failed c.txt: file is empty\n" and progress.said == {"c.txt"}


def test_the_quiet_summary_is_one_line_with_the_failures_not_yet_said() -> None:
    summary = Summary()
    summary.counts.update({"created": 2, "unchanged": 5, "failed": 1})
    summary.failures += [("c.txt", "file is empty"), ("*", "MISP is down")]
    summary.kept = 1
    text = summary_line(summary, "./reports", "feed:/srv/feed", dry_run=False, said={"c.txt"})
    assert text == (
        "sync ./reports -> feed:/srv/feed: 2 created, 0 updated, 5 unchanged, 0 retired, 2 failed, 0 warnings, "
        "1 analyst change kept\nfailed   *: MISP is down\n"
    )
