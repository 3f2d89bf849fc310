package source

// ShortDest is shortDest, for the tests of package source_test.
var ShortDest = shortDest
