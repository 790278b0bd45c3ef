module example.com/blank

require (

	example.com/a v1.0.0


	example.com/b v1.0.0

	// c comment

	example.com/c v1.0.0

)
