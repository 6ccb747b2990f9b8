package usesbad

import "example.com/mod/bad"

var Y = bad.X
