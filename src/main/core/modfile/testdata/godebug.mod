module example.com/gd

go 1.23

godebug (
	key=value
	other=
	k=v=w
)
