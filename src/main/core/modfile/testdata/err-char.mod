module example.com/x

require example.com/av1.0.0
