module example.com/eb

require ()

exclude (
)

replace (
	// only a comment
)
