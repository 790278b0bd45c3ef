module example.com/x

retract
retract (
	[v1.0.0
	[v1.0.0,
	[v1.0.0, v1.1.0
	v1.0.0 extra
	(v1.0.0)
)
