// The example project of Go Module Explorer: a small graph with every mark the
// explorer draws. Its modules come from ./proxy (a file:// GOPROXY), so it works offline.
module example.com/demo

go 1.22.0

toolchain go1.22.5

require (
	example.com/color v1.1.0
	example.com/db v1.2.0
	example.com/forked v1.0.0
	example.com/legacy v1.0.0
	example.com/localmod v0.0.0-00010101000000-000000000000
	example.com/oldlib v3.0.0+incompatible
	example.com/web v1.4.0
	example.com/yaml v1.5.0
	example.com/yaml/v2 v2.1.0
)

require (
	example.com/log v1.3.0 // indirect
	example.com/text v0.3.0 // indirect
	example.com/util v1.0.0 // indirect
)

// web v1.4.0 asks for color v1.2.0; this build refuses it.
exclude example.com/color v1.2.0

// A fork published under another path, and a module kept in a directory of this project.
replace example.com/forked v1.0.0 => example.com/forkfix v1.0.1

replace example.com/localmod => ./localmod
