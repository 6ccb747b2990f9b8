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
