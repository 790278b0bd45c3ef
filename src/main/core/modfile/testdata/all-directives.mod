// Leading file comment.

// Second paragraph of file comment.
module example.com/all // trailing module comment

go 1.24

toolchain default

godebug (
	default=go1.21
	panicnil=1 // why
)

godebug asynctimerchan=0

require (
	example.com/a v1.0.0
	example.com/b/v2 v2.3.4 // indirect
	example.com/c v0.0.0-20230101000000-abcdefabcdef
	example.com/d v2.0.0+incompatible // indirect; keep this
	gopkg.in/yaml.v3 v3.0.1
)

exclude (
	example.com/a v1.0.1
	example.com/a v1.0.10
	example.com/a v1.0.2
)

replace example.com/a => ../a

replace (
	example.com/b/v2 v2.3.4 => example.com/fork/b/v2 v2.3.5
	example.com/c => /abs/path
	example.com/e v1.0.0 => ./local/e
)

retract (
	// Bad release.
	v1.0.0
	[v1.1.0, v1.1.9] // broken range
	v0.9.0
)

retract [v1.3.0,v1.4.0]

tool (
	example.com/a/cmd/tool
	golang.org/x/tools/cmd/stringer
)

tool example.com/b/v2/cmd/b

ignore (
	./node_modules
	static
)

ignore "./with space"
