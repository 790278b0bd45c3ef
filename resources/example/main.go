// Package main imports what the example requires directly, so that go get -u has packages to follow.
package main

import (
	_ "example.com/color"
	_ "example.com/db"
	_ "example.com/forked"
	_ "example.com/legacy"
	_ "example.com/localmod"
	_ "example.com/oldlib"
	_ "example.com/web"
	_ "example.com/yaml"
	_ "example.com/yaml/v2"
)

func main() {}
