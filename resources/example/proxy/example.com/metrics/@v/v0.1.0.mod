module example.com/metrics

go 1.21

require example.com/log v1.3.0
