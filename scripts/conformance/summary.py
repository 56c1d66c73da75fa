# Reads the fuzzingserver's reports/clients/index.json and prints the one summary line of `make conformance`:
#
#   autobahn: OK=.. NON-STRICT=.. INFORMATIONAL=.. UNIMPLEMENTED=.. FAILED=.. of N
#
#   python summary.py REPORT_DIR AGENT TOTAL
#
# The verdict per case is Autobahn's own `behavior` (what its HTML report shows as Pass / Non-Strict / Info /
# Fail); every other value (FAILED, NO_CLOSE, WRONG CODE, UNCLEAN) counts as FAILED, and so does a case that
# never reached the report. FAILED and NON-STRICT cases are listed on stderr with Autobahn's reasons.
# Exits 1 when anything FAILED. Runs on Python 2.7 and 3.
from __future__ import print_function

import json
import os
import sys

CATEGORIES = ["OK", "NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED", "FAILED"]


def case_key(case_id):
    return tuple(int(part) for part in case_id.split("."))


def main(report_dir, agent, total):
    with open(os.path.join(report_dir, "index.json")) as index_file:
        cases = json.load(index_file).get(agent, {})
    counts = dict((name, 0) for name in CATEGORIES)
    for case_id in sorted(cases, key=case_key):
        case = cases[case_id]
        behavior = case["behavior"] if case["behavior"] in CATEGORIES else "FAILED"
        counts[behavior] += 1
        if behavior in ("FAILED", "NON-STRICT"):
            detail = {}
            try:
                with open(os.path.join(report_dir, case["reportfile"])) as report_file:
                    detail = json.load(report_file)
            except (IOError, OSError, ValueError):
                pass  # the index line alone still names the case
            print(
                "autobahn: %s %s (%s; close %s, code %s): %s / %s"
                % (
                    case_id,
                    behavior,
                    case["behavior"],
                    case["behaviorClose"],
                    case.get("remoteCloseCode"),
                    detail.get("result", "?"),
                    detail.get("resultClose", "?"),
                ),
                file=sys.stderr,
            )
    missing = max(total - len(cases), 0)
    if missing:
        print("autobahn: %d of %d cases never reached the report" % (missing, total), file=sys.stderr)
        counts["FAILED"] += missing
    print(
        "autobahn: "
        + " ".join("%s=%d" % (name, counts[name]) for name in CATEGORIES)
        + " of %d" % max(total, len(cases))
    )
    return 1 if counts["FAILED"] else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: summary.py REPORT_DIR AGENT TOTAL")
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
