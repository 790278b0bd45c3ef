module example.com/web

go 1.21

require example.com/log v1.1.0
