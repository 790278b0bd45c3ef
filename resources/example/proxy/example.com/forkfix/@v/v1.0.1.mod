module example.com/forked

go 1.21

require example.com/text v0.2.0
