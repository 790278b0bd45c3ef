// Deprecated: use example.com/new instead.
// More text in same paragraph.
//
// Another paragraph.
module example.com/old

go 1.17
