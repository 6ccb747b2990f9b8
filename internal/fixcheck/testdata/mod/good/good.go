package good

type T struct{ A, B int }

var x = T{A: 1}
