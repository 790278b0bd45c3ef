module example.com/sort

go 1.21

require (
	z.example/z v1.0.0
	a.example/a v1.0.0
	m.example/m v1.0.0 // indirect
)

exclude (
	example.com/x v1.10.0
	example.com/x v1.9.0
	example.com/x v1.2.0-pre
	example.com/a v2.0.0+incompatible
)

replace (
	example.com/x v1.0.0 => ./x1
	example.com/x => ./x
	example.com/x v1.0.0 => ./x2
)

tool (
	example.com/t2
	example.com/t1
	example.com/t2
)

retract (
	v1.0.0
	[v1.1.0, v1.2.0]
	v1.5.0
	[v1.1.0, v1.3.0]
)
