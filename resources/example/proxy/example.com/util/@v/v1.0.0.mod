module example.com/util

require (
	example.com/log v1.0.0
	example.com/text v0.2.0
)
