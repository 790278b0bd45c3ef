module example.com/retract

go 1.16

// Published accidentally.
// Do not use.
retract v1.0.0

retract (
	v1.2.0 // Contains a bug.
	// Multi-line
	// rationale here.
	[v1.3.0, v1.3.5]
)

retract (
	// Block comment used when line has none.
	v2.0.0+incompatible
)

// Line with both.
retract v0.1.0 // suffix too
