// Some intro.
//
// Deprecated:    lots of space here
module (
	example.com/blockmod
)
