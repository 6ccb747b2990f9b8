package suppress

// The fake check alone: which of its findings the directives silence.

func bad() {}

func unsuppressed() {
	bad() // want "bad call"
}

func suppressedOnLine() {
	bad() //connvet:ignore fake the callee is harmless here
}

func suppressedAbove() {
	//connvet:ignore fake,other reviewed: only called at start-up
	bad()
}

func golangciStyleReason() {
	//connvet:ignore fake // reviewed, harmless
	bad()
}

func noReason() {
	//connvet:ignore fake
	bad() // want "bad call"
}

func otherCheck() {
	//connvet:ignore other not this check
	bad() // want "bad call"
}

func tooFar() {
	//connvet:ignore fake too far away

	bad() // want "bad call"
}

func take(...any) {}

func badValue() int { return 0 }

// A directive above a statement spanning several lines covers all of it.
func multiLineAbove() {
	//connvet:ignore fake reviewed: the whole call
	take(1,
		2,
		badValue())
}

// So does a directive at the end of the statement's first line.
func multiLineTrailing() {
	take(1, //connvet:ignore fake reviewed: the whole call
		2,
		badValue())
}

// But not the statements nested in it: those have lines of their own.
func nestedNotCovered() {
	//connvet:ignore fake only the condition
	if true {
		println()
		bad() // want "bad call"
	}
}

// Nor a statement that merely follows on a later line.
func nextStatement() {
	//connvet:ignore fake only the first statement
	take(1,
		2)
	bad() // want "bad call"
}
