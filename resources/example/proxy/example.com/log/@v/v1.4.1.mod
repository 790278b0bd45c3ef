module example.com/log

go 1.22

require example.com/color v1.1.0

retract v1.4.0 // Writes timestamps in the wrong time zone.
