module example.com/x

go 1.21.0.1
go 1.22
toolchain 1.21
toolchain go1.21 extra
go
