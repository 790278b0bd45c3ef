module example.com/db

go 1.20

require (
	example.com/log v1.1.0
	example.com/sqldriver v1.0.0
)
