# A realistic MCP tool-call policy (about 30 rules) used by bench/toolchain.
package bench.mcp

import rego.v1

denied_tools := {"run_shell", "exec", "execute_command", "eval", "delete_database", "drop_table"}

write_tools := {"write_file", "edit_file", "move_file", "create_directory"}

read_tools := {"read_file", "read_text_file", "read_multiple_files", "list_directory", "directory_tree", "search_files", "get_file_info"}

allowed_prefixes := ["/srv/data/", "/home/agent/projects/", "/tmp/agent/"]

forbidden_fragments := [".env", ".ssh/", "id_rsa", ".aws/credentials", "/etc/shadow", ".git/config", ".npmrc"]

secret_patterns := [
	`AKIA[0-9A-Z]{16}`,
	`ghp_[A-Za-z0-9]{36}`,
	`-----BEGIN [A-Z ]*PRIVATE KEY-----`,
	`xox[baprs]-[0-9A-Za-z-]{10,}`,
	`sk_live_[0-9a-zA-Z]{24}`,
]

injection_patterns := [
	`(?i)ignore (all )?(previous|prior) instructions`,
	`(?i)you are now`,
	`[;&|]\s*(rm|curl|wget|nc)\s`,
	`\$\([^)]*\)`,
]

git_globs := ["git_push*", "git_reset*", "git_*_force"]

path_args := [p | some k in ["path", "source", "destination", "file_path"]; p := input.arguments[k]; is_string(p)]

strings_in_args contains s if {
	walk(input.arguments, [_, s])
	is_string(s)
}

deny contains "tool is on the deny list" if input.tool in denied_tools

deny contains "writes are not permitted" if input.tool in write_tools

deny contains msg if {
	some g in git_globs
	glob.match(g, ["_"], input.tool)
	msg := sprintf("git tool %s is not permitted", [input.tool])
}

deny contains msg if {
	some p in path_args
	not inside_allowed(p)
	msg := sprintf("path %s is outside the allowed roots", [p])
}

deny contains msg if {
	some p in path_args
	some f in forbidden_fragments
	contains(lower(p), f)
	msg := sprintf("path %s touches a sensitive location (%s)", [p, f])
}

deny contains msg if {
	some p in path_args
	contains(p, "..")
	msg := sprintf("path %s contains a traversal", [p])
}

deny contains "an argument holds a secret" if {
	some s in strings_in_args
	some pattern in secret_patterns
	regex.match(pattern, s)
}

deny contains "an argument holds an injection" if {
	some s in strings_in_args
	some pattern in injection_patterns
	regex.match(pattern, s)
}

deny contains "argument too large" if {
	some s in strings_in_args
	count(s) > 100000
}

deny contains "unknown tool" if {
	not input.tool in read_tools
	not input.tool in write_tools
	not input.tool in denied_tools
	not startswith(input.tool, "git_")
}

deny contains "destructive tool without approval" if {
	input.tool_annotations.destructiveHint == true
	not input.identity.roles[_] == "approver"
}

inside_allowed(p) if {
	some prefix in allowed_prefixes
	startswith(p, prefix)
}

decision := {
	"allow": count(deny) == 0,
	"reasons": sort([m | some m in deny]),
	"rule": rule,
}

rule := "deny-list" if count(deny) > 0

else := "allow"
