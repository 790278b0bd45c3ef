module example.com/lex

go 1.20

exclude (
	example.com/x v1.10.0
	example.com/x v1.9.0
	example.com/x v1.2.0
)

exclude example.com/x v1.9.0
