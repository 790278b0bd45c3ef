module example.com/forked

go 1.20

require example.com/text v0.2.0
