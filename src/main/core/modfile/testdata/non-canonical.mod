module example.com/nc

require (
	example.com/a v1
	example.com/b v1.2
	example.com/c v1.2.3+meta
	example.com/d v2.0.0+incompatible
)

exclude example.com/e v1.0

replace example.com/f v1 => example.com/g v2.1+incompatible
