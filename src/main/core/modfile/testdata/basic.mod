module example.com/hello

go 1.22.1

toolchain go1.23.4

require (
	golang.org/x/text v0.14.0
	rsc.io/quote v1.5.2 // indirect
	rsc.io/sampler v1.3.0
)

require github.com/pkg/errors v0.9.1 // indirect
