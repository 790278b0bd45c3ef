// Deprecated: use example.com/web instead.
module example.com/legacy

go 1.16

require example.com/util v1.0.0
