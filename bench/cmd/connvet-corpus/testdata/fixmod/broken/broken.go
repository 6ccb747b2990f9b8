// Package broken does not type-check: -fixcheck skips it.
package broken

var X int = "not an int"
