// c1
// c2

// c3 attached to module
module example.com/comments // suffix on module

// before go
go 1.21 // suffix on go

require ( // after lparen
	// before a
	example.com/a v1.0.0 // suffix a

	// after blank, before b
	example.com/b v1.0.0

	// trailing comment in block

) // after rparen

// between statements

require example.com/c v1.0.0 // indirect

// final comment 1

// final comment 2
