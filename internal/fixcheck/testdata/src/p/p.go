package p

type T struct{ A, B int }

var x = T{A: 1}

var y = T{A: 2}
