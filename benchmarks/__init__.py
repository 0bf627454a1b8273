"""Speed measurements in the loopback lab; never part of the test suite."""
