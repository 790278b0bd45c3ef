// Prints the ranges of code points (inclusive, hex) for which unicode.IsPrint holds, then those
// IsGraphic adds to them (IsGraphic is a superset): the answer unicode-print.test.ts compares
// gomodx's table with.
// Regenerate the golden with: go run main.go > ../unicode-print.golden
package main

import (
	"fmt"
	"unicode"
)

func ranges(name string, holds func(rune) bool) {
	start := rune(-1)
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		in := r <= unicode.MaxRune && holds(r)
		if in && start < 0 {
			start = r
		} else if !in && start >= 0 {
			fmt.Printf("%s %x %x\n", name, start, r-1)
			start = -1
		}
	}
}

func main() {
	fmt.Printf("unicode %s\n", unicode.Version)
	ranges("print", unicode.IsPrint)
	ranges("graphic-not-print", func(r rune) bool { return unicode.IsGraphic(r) && !unicode.IsPrint(r) })
	ranges("print-not-graphic", func(r rune) bool { return unicode.IsPrint(r) && !unicode.IsGraphic(r) })
}
