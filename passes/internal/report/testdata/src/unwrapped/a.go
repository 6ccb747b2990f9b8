package unwrapped

func bad() {}

func f() {
	bad() // want "bad call"

	//connvet:ignore fake reviewed
	bad()
}
