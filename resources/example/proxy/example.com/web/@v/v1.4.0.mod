module example.com/web

go 1.21

require (
	example.com/log v1.3.0
	example.com/color v1.2.0
	example.com/text v0.3.0
)
