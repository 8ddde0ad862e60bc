package toolgate_failing_test

import data.toolgate

# FAIL: the decision is a deny, so `allow` is false.
test_env_file_readable if {
	toolgate.decision.allow with input as {"tool": "read_file", "arguments": {"path": "/srv/project/.env"}, "findings": []}
}

# FAIL: no rule matches this call, so the deciding rule is default_action.
test_unknown_tool_has_a_rule_id if {
	decision := toolgate.decision with input as {"tool": "nope", "arguments": {}, "findings": []}
	decision.rule == "no-such-rule"
}

# ERROR: a runtime error (divide by zero) is an ERROR, not a FAIL.
test_division_by_zero if {
	limit := 10 / count([])
	limit > 0
}

# PASS: one passing test among the failures.
test_shell_denied if {
	not toolgate.decision.allow with input as {"tool": "run_shell", "arguments": {}, "findings": []}
}
