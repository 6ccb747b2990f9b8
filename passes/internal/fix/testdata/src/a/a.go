package a

import "fmt"

type T struct{ A, B, C int }

var one = T{}             // want "add"
var two = T{A: 1}         // want "add"
var three = T{            // want "add"
	A: 1,
}
var four = T{A: 1,        // want "add"
	B: 2}

func f() { fmt.Println(one, two, three, four) }
