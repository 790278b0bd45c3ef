module example.com/log

go 1.22

require example.com/color v1.1.0
