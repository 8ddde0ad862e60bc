# Operators of the toolgate YAML dialect. The generated policy module calls one
# function per condition; a negated operator is `not` of the same call, so a
# missing field fails a positive test and passes a negated one.
package toolgate.lib

# Case folding for ignore_case: strings are lower-cased, other values pass through.
fold(value) := lower(value) if is_string(value)

fold(value) := value if not is_string(value)

present(_) := true

equals(value, expected) if value == expected

one_of(value, options) if {
	some option in options
	value == option
}

has_prefix(value, prefixes) if {
	is_string(value)
	some prefix in prefixes
	startswith(value, prefix)
}

has_suffix(value, suffixes) if {
	is_string(value)
	some suffix in suffixes
	endswith(value, suffix)
}

has_substring(value, parts) if {
	is_string(value)
	some part in parts
	contains(value, part)
}

matches_regex(value, patterns) if {
	is_string(value)
	some pattern in patterns
	regex.match(pattern, value)
}

has_type(value, types) if {
	some name in types
	type_name(value) == name
}

# Numeric comparisons hold for numbers only: Rego orders every string after every number.
compare(value, "gt", n) if {
	is_number(value)
	value > n
}

compare(value, "gte", n) if {
	is_number(value)
	value >= n
}

compare(value, "lt", n) if {
	is_number(value)
	value < n
}

compare(value, "lte", n) if {
	is_number(value)
	value <= n
}

compare(value, "equals", n) if {
	is_number(value)
	value == n
}

# Length of a string (in characters), array or object.
size(value) := count(value) if is_string(value)

size(value) := count(value) if is_array(value)

size(value) := count(value) if is_object(value)

# A path is within a root when it is the root or below it, with no ".." segment.
path_within(path, roots) if {
	is_string(path)
	not has_parent_segment(path)
	some root in roots
	inside(path, root)
}

inside(path, root) if path == trim_suffix(root, "/")

inside(path, root) if startswith(path, directory_prefix(root))

directory_prefix(root) := root if endswith(root, "/")

directory_prefix(root) := concat("", [root, "/"]) if not endswith(root, "/")

has_parent_segment(path) if {
	some segment in split(replace(path, "\\", "/"), "/")
	segment == ".."
}

# AgentMesh's path conditions look at every path-like argument.
path_arguments(args) := array.concat(
	[p | some key in ["path", "file_path", "filename", "source", "destination"]; p := args[key]],
	[p | some p in args.paths],
)

# path_starts_with: at least one path argument, and every one starts with the prefix
# (and has no ".." segment, which would walk out of it).
paths_start_with(args, prefix) if {
	paths := path_arguments(args)
	count(paths) > 0
	every p in paths {
		is_string(p)
		startswith(p, prefix)
		not has_parent_segment(p)
	}
}

# path_not_contains is `not paths_contain(...)`; parts arrive lower-cased.
paths_contain(args, parts) if {
	some p in path_arguments(args)
	is_string(p)
	some part in parts
	contains(lower(p), part)
}
