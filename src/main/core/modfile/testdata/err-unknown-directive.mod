module example.com/x

foo bar
require (
	baz
)
blah (
)
require x y (
)
