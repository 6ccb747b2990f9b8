package good

var y = T{A: 2}
