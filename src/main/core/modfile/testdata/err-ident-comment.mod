module example.com/x/*y
