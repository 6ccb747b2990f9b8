package b

import clock "time"

type T struct{ A, B clock.Duration }

var missing = T{}  // want "set"
var zero = T{A: 0} // want "set"
var negative = T{  // want "set"
	A: -1,
	B: 0,
}
var keep = T{A: clock.Minute} // want "set"
var spread = T{               // want "set"
}
var done = T{A: 1, B: 2} // want "nothing to set"

func f() {
	x := missing // want "after"
	_ = x        // a trailing comment stays on its line
	y := zero    // want "after"
	_, _, _, _, _ = negative, keep, done, spread, y
}
