# Rego tests of the compiled YAML policy and team.rego, run as `opa test` would.
package toolgate_test

import data.toolgate

call(tool, arguments, identity) := {
	"method": "tools/call",
	"tool": tool,
	"arguments": arguments,
	"identity": identity,
	"findings": [],
}

writer := {"sub": "ana", "groups": ["writers"]}

test_project_reads_are_allowed if {
	toolgate.decision.allow with input as call("read_file", {"path": "/srv/project/src/main.ts"}, {})
}

test_shell_is_denied_by_rule if {
	decision := toolgate.decision with input as call("run_shell", {"command": "id"}, {})
	not decision.allow
	decision.rule == "no-shell"
}

test_writers_write_drafts if {
	toolgate.decision.allow with input as call("write_file", {"path": "/srv/project/drafts/a.md", "content": "hi"}, writer)
}

test_others_cannot_write if {
	decision := toolgate.decision with input as call("write_file", {"path": "/srv/project/drafts/a.md", "content": "hi"}, {"sub": "bo"})
	decision.rule == "default_action"
	not decision.allow
}

# Mock the base document: the same read under other roots.
test_roots_come_from_data if {
	not toolgate.decision.allow with input as call("read_file", {"path": "/srv/project/a"}, {}) with data.toolgate.roots as ["/home/ana"]
	toolgate.decision.allow with input as call("read_file", {"path": "/home/ana/a"}, {}) with data.toolgate.roots as ["/home/ana"]
}

# Mock a rule of team.rego: the freeze denies even a writer's draft.
test_release_freeze_denies_writes if {
	decision := toolgate.decision with input as call("write_file", {"path": "/srv/project/drafts/a.md", "content": "hi"}, writer)
		with data.toolgate.ext.team.release_freeze as true
	not decision.allow
	decision.rule == "rego"
	decision.reasons == ["rego: release freeze: writes are paused"]
}

test_large_writes_are_denied if {
	big := concat("", [x | some _ in numbers.range(1, 5000); x := "a"])
	decision := toolgate.decision with input as call("write_file", {"path": "/srv/project/drafts/a.md", "content": big}, writer)
	decision.reasons == ["rego: a write of 5000 bytes is over the 4096 byte limit"]
}

test_traversal_findings_deny if {
	finding := {"detector": "path_traversal", "path": ["path"], "detail": "../ segment"}
	decision := toolgate.decision with input as object.union(call("read_file", {"path": "/srv/project/../etc/passwd"}, {}), {"findings": [finding]})
	not decision.allow
	decision.rule == "detectors.path_traversal"
}

todo_test_rate_limits_per_writer if {
	false
}
