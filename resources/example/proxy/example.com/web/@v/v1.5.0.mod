module example.com/web

go 1.22

require (
	example.com/log v1.4.1
	example.com/color v1.1.0
	example.com/text v0.3.0
	example.com/metrics v0.1.0
)
