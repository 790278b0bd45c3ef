module example.com/nonl

require example.com/a v1.0.0 // c