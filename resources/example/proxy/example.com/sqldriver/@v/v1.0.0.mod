module example.com/sqldriver

go 1.19

require example.com/net v0.1.0
