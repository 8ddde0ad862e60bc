# Hand-written additions to policy.yaml (see docs/dialect.md, "Hand-written Rego").
package toolgate.ext.team

# Flip during a release freeze; tests switch it with `with ... as true`.
release_freeze := false

max_write_bytes := 4096

deny contains "release freeze: writes are paused" if {
	release_freeze
	input.tool in {"write_file", "edit_file", "move_file"}
}

deny contains sprintf("a write of %d bytes is over the %d byte limit", [size, max_write_bytes]) if {
	input.tool == "write_file"
	size := count(input.arguments.content)
	size > max_write_bytes
}
