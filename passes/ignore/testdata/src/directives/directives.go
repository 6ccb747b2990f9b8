package directives

// What the ignore check says about each directive. Expectations stand in a
// block comment before the directive, on its line.

func bad() {}

func suppressedOnLine() {
	bad() //connvet:ignore fake the callee is harmless here
}

func suppressedAbove() {
	//connvet:ignore fake,other reviewed: only called at start-up
	bad()
}

func noReason() {
	/* want `connvet:ignore directive for fake has no reason, so it silences nothing` */ //connvet:ignore fake
	bad()
}

func unknown() {
	/* want `connvet:ignore directive names unknown check fkae \(checks: fake, other\)` */ //connvet:ignore fkae typo in the name
	bad()
}

func stale() {
	/* want `connvet:ignore directive for fake silences nothing: no such finding on this line or the next; remove it` */ //connvet:ignore fake this used to call bad
	println()
}

// A directive for a check that did not run cannot be judged stale.
func notRun() {
	//connvet:ignore other the other check is turned off here
	println()
}

func empty() {
	/* want `connvet:ignore directive names no check` */ //connvet:ignore
	println()
}

func tooFar() {
	/* want `silences nothing` */ //connvet:ignore fake too far away

	bad()
}

func take(...any) {}

func badValue() int { return 0 }

// A directive above a multi-line statement is used by a finding anywhere in it.
func multiLineAbove() {
	//connvet:ignore fake reviewed: the whole call
	take(1,
		2,
		badValue())
}
