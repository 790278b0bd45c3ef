module   example.com/ws   



	go	1.21		
   require    example.com/a    v1.0.0   //   spaced comment   
require (
		  example.com/b v1.0.0
   )


