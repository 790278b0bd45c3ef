module example.com/p

retract [ v1.0.0 , v1.1.0 ]
