module "example.com/quoted"

go 1.21

require (
	"example.com/a" "v1.0.0"
	example.com/b "v1.2"
)

replace "example.com/a" v1.0.0 => "./dir with space"

replace example.com/b => "./tab\there"

tool "example.com/cmd/x"

ignore "./a\u00e9b"

ignore `raw`
