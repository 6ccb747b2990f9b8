package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/connvet/connvet/analyzers"
)

var testChecks = []string{"bodydrain", "dialtimeout", "servertimeout"}

const testHeader = "id\tcheck\tmodule\tbefore\tafter\tpackage\tfile\tline\tafter_file\tafter_line\tupstream\tfailure\n"

func TestParseBugs(t *testing.T) {
	src := "# a comment\n\n" + testHeader +
		"  # an indented comment\n" +
		"a\tbodydrain\texample.com/m\tv1.0.0\tv1.0.1\texample.com/m/p\t./p/x.go\t10\tp/x.go\t12\thttps://x/1\tleak\r\n" +
		"b\tdialtimeout\texample.com/m\tv1.0.0\tv1.1.0\texample.com/m\tmain.go\t3\tmain.go\t4\thttps://x/2\n" // no failure column
	bugs, err := ParseBugs(strings.NewReader(src), "t.tsv", testChecks)
	require.NoError(t, err)
	require.Len(t, bugs, 2)
	assert.Equal(t, Bug{
		ID: "a", Check: "bodydrain", Module: "example.com/m", Before: "v1.0.0", After: "v1.0.1",
		Package: "example.com/m/p", File: "p/x.go", Line: 10, AfterFile: "p/x.go", AfterLine: 12,
		Upstream: "https://x/1", Failure: "leak", Source: "t.tsv:5",
	}, bugs[0])
	assert.Equal(t, "", bugs[1].Failure)
	assert.Equal(t, 4, bugs[1].AfterLine)
}

func TestParseBugsErrors(t *testing.T) {
	for name, tc := range map[string]struct{ src, want string }{
		"no header":    {"# only a comment\n", "no header line"},
		"wrong header": {"id\tcheck\n", "header must be"},
		"columns":      {testHeader + "a\tbodydrain\tm\n", "t.tsv:2: want 12 tab-separated columns, got 3"},
		"line":         {testHeader + "a\tbodydrain\tm\tv1\tv2\tm\tx.go\tten\tx.go\t1\tu\tf\n", `line "ten" is not a positive number`},
		"after_line":   {testHeader + "a\tbodydrain\tm\tv1\tv2\tm\tx.go\t1\tx.go\t0\tu\tf\n", `after_line "0" is not a positive number`},
		"empty":        {testHeader + "a\tbodydrain\t\tv1\tv2\tm\tx.go\t1\tx.go\t1\tu\tf\n", "empty module"},
		"check":        {testHeader + "a\tnocheck\tm\tv1\tv2\tm\tx.go\t1\tx.go\t1\tu\tf\n", `unknown check "nocheck"`},
		"abs":          {testHeader + "a\tbodydrain\tm\tv1\tv2\tm\t/x.go\t1\tx.go\t1\tu\tf\n", "not relative to the module root"},
		"dotdot":       {testHeader + "a\tbodydrain\tm\tv1\tv2\tm\tx.go\t1\t../x.go\t1\tu\tf\n", "not relative to the module root"},
		"same version": {testHeader + "a\tbodydrain\tm\tv1\tv1\tm\tx.go\t1\tx.go\t1\tu\tf\n", "before and after are the same version v1"},
		"package":      {testHeader + "a\tbodydrain\tm\tv1\tv2\tmx/p\tx.go\t1\tx.go\t1\tu\tf\n", "package mx/p is not in module m"},
		"duplicate": {testHeader + "a\tbodydrain\tm\tv1\tv2\tm\tx.go\t1\tx.go\t1\tu\tf\n" +
			"a\tbodydrain\tm\tv1\tv2\tm\tx.go\t1\tx.go\t1\tu\tf\n", "id also used at t.tsv:2"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseBugs(strings.NewReader(tc.src), "t.tsv", testChecks)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	// Every problem is reported at once.
	_, err := ParseBugs(strings.NewReader(testHeader+
		"a\tnocheck\tm\tv1\tv2\tm\tx.go\t1\tx.go\t1\tu\tf\n"+
		"b\tbodydrain\tm\n"), "t.tsv", testChecks)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "t.tsv:2")
	assert.Contains(t, err.Error(), "t.tsv:3")
}

// TestBugsFile parses the shipped benchmark file and the seed of the
// integration test against the real registry.
func TestBugsFile(t *testing.T) {
	var checks []string
	for _, c := range analyzers.Checks() {
		checks = append(checks, c.Name())
	}
	for _, name := range []string{"bugs.tsv", filepath.Join("testdata", "bugs_seed.tsv")} {
		f, err := os.Open(name)
		require.NoError(t, err)
		bugs, err := ParseBugs(f, name, checks)
		_ = f.Close()
		require.NoError(t, err, name)
		assert.NotEmpty(t, bugs, name)
		for _, b := range bugs {
			assert.Regexp(t, `^v\d+\.\d+\.\d+`, b.Before, b.ID)
			assert.Regexp(t, `^v\d+\.\d+\.\d+`, b.After, b.ID)
			assert.Regexp(t, `^https://`, b.Upstream, b.ID)
		}
	}
}

func TestSplitPos(t *testing.T) {
	for pos, want := range map[string]struct {
		file string
		line int
		ok   bool
	}{
		"a/b.go:12:5":    {"a/b.go", 12, true},
		"a/b.go:12":      {"a/b.go", 12, true},
		"/abs/c.go:1:1":  {"/abs/c.go", 1, true},
		"b.go":           {"", 0, false},
		"b.go:x:1":       {"b.go:x", 1, true}, // file:line, a file named b.go:x
		"b.go:notnum":    {"", 0, false},
		"dir:1/b.go:3:4": {"dir:1/b.go", 3, true},
	} {
		f, l, ok := splitPos(pos)
		assert.Equal(t, want.ok, ok, pos)
		if want.ok {
			assert.Equal(t, want.file, f, pos)
			assert.Equal(t, want.line, l, pos)
		}
	}
}

func TestMatchBefore(t *testing.T) {
	fs := []Finding{
		{Check: "bodydrain", Pos: "p/x.go:20:2", Message: "far"},
		{Check: "bodydrain", Pos: "p/x.go:13:2", Message: "three after"},
		{Check: "bodydrain", Pos: "p/x.go:8:2", Message: "two before"},
		{Check: "dialtimeout", Pos: "p/x.go:10:2", Message: "other check"},
		{Check: "bodydrain", Pos: "x.go:10:2", Message: "same name, other directory"},
		{Check: "bodydrain", Pos: "q/y.go:40:1", Message: "with related", Related: []string{"q/z.go:7:3", "p/x.go:99:1"}},
	}
	f, rule := matchBefore(fs, "bodydrain", "p/x.go", 10)
	require.NotNil(t, f)
	assert.Equal(t, ruleLine, rule)
	assert.Equal(t, "two before", f.Message, "the nearest of the diagnostics within the slack")

	f, _ = matchBefore(fs, "bodydrain", "p/x.go", 16) // 13 is 3 away, 20 is 4
	require.NotNil(t, f)
	assert.Equal(t, "three after", f.Message)

	f, _ = matchBefore(fs, "bodydrain", "p/x.go", 24) // 20 is 4 away: out of slack
	assert.Nil(t, f)

	f, _ = matchBefore(fs, "dialtimeout", "p/x.go", 13)
	require.NotNil(t, f)
	assert.Equal(t, "other check", f.Message)

	f, _ = matchBefore(fs, "servertimeout", "p/x.go", 10)
	assert.Nil(t, f, "no diagnostic of the check")

	f, _ = matchBefore(fs, "bodydrain", "q/x.go", 10)
	assert.Nil(t, f, "paths are compared whole, relative to the module root")

	// Related information: the diagnostic is elsewhere, a related position
	// is near the line.
	f, rule = matchBefore(fs, "bodydrain", "q/z.go", 5)
	require.NotNil(t, f)
	assert.Equal(t, ruleRelated, rule)
	assert.Equal(t, "with related", f.Message)
	f, _ = matchBefore(fs, "bodydrain", "q/z.go", 11)
	assert.Nil(t, f, "related positions get the same slack")
	f, rule = matchBefore(fs, "bodydrain", "p/x.go", 98)
	require.NotNil(t, f)
	assert.Equal(t, ruleRelated, rule)
	f, _ = matchBefore(fs, "dialtimeout", "q/z.go", 7)
	assert.Nil(t, f, "related information of another check")
}

func TestMatchAfterAndNearest(t *testing.T) {
	fs := []Finding{
		{Check: "bodydrain", Pos: "x.go:50:2", Message: "fifty"},
		{Check: "bodydrain", Pos: "x.go:30:2", Message: "thirty"},
		{Check: "bodydrain", Pos: "y.go:40:1", Message: "related", Related: []string{"x.go:10:1"}},
	}
	assert.Nil(t, matchAfter(fs, "bodydrain", "x.go", 10, ""), "after: related information does not count")
	assert.Nil(t, matchAfter(fs, "bodydrain", "x.go", 26, ""))
	assert.NotNil(t, matchAfter(fs, "bodydrain", "x.go", 27, ""))
	assert.Nil(t, matchAfter(fs, "bodydrain", "x.go", 27, "fifty"), "fixed: only the messages the fix removed count")
	assert.NotNil(t, matchAfter(fs, "bodydrain", "x.go", 27, "thirty|fifty"))

	n := nearestAt(fs, "bodydrain", "x.go", 40, -1)
	require.NotNil(t, n)
	assert.Equal(t, "thirty", n.Message, "a tie goes to the earlier line")
	n = nearestAt(fs, "bodydrain", "x.go", 48, -1)
	require.NotNil(t, n)
	assert.Equal(t, "fifty", n.Message)
	assert.Nil(t, nearestAt(fs, "bodydrain", "z.go", 1, -1))
}

func testBug() Bug {
	return Bug{ID: "b", Check: "bodydrain", Module: "m", Before: "v1", After: "v2", Package: "m/p", File: "p/x.go", Line: 10, AfterFile: "p/x.go", AfterLine: 12}
}

func TestScoreBug(t *testing.T) {
	hit := Finding{Check: "bodydrain", Pos: "p/x.go:11:3", Message: "leak"}
	b := testBug()

	r := scoreBug(b, &BugRun{Version: "v1", list: []Finding{hit}}, &BugRun{Version: "v2"})
	assert.True(t, r.Flagged)
	assert.Equal(t, ruleLine, r.Rule)
	assert.Equal(t, &hit, r.Nearest)
	assert.True(t, r.Silent)
	assert.False(t, r.Crash)
	assert.True(t, r.scoredBefore())
	assert.True(t, r.scoredAfter())

	// Still reported after the fix; missed before with a nearest finding.
	far := Finding{Check: "bodydrain", Pos: "p/x.go:40:3", Message: "elsewhere"}
	r = scoreBug(b, &BugRun{Version: "v1", list: []Finding{far}}, &BugRun{Version: "v2", list: []Finding{{Check: "bodydrain", Pos: "p/x.go:12:1"}}})
	assert.False(t, r.Flagged)
	assert.Equal(t, "elsewhere", r.Nearest.Message)
	assert.False(t, r.Silent)
	assert.Contains(t, afterText(r), "still reported at line 12")
	assert.Contains(t, beforeText(r), "missed; nearest bodydrain at line 40: elsewhere")

	// A crash in either run counts for every bug of the run.
	r = scoreBug(b, &BugRun{Version: "v1", list: []Finding{hit}}, &BugRun{Version: "v2", Crashes: []string{"p: bodydrain: internal error: boom"}})
	assert.True(t, r.Crash)
	assert.True(t, r.Flagged)
	assert.Equal(t, []string{"after (v2): p: bodydrain: internal error: boom"}, r.Crashes)

	// Load errors, by import path (go list) or by the -json package ID of
	// the variant that holds the file.
	r = scoreBug(b, &BugRun{Version: "v1", LoadErrors: map[string][]string{"m/p": {"undefined: x"}}}, &BugRun{Version: "v2"})
	assert.Equal(t, "undefined: x", r.LoadBefore)
	assert.False(t, r.scoredBefore())
	assert.False(t, r.scoredAfter())
	tb := b
	tb.File, tb.AfterFile = "p/x_test.go", "p/x_test.go"
	r = scoreBug(tb, &BugRun{Version: "v1"}, &BugRun{Version: "v2", LoadErrors: map[string][]string{"m/p_test [m/p.test]": {"bodydrain: analysis skipped due to errors in package"}}})
	assert.Empty(t, r.LoadBefore)
	assert.NotEmpty(t, r.LoadAfter)
	assert.False(t, r.Silent, "a package that does not load is not silent")
	assert.True(t, r.scoredBefore())
	assert.False(t, r.scoredAfter())
	r = scoreBug(b, &BugRun{Version: "v1"}, &BugRun{Version: "v2", LoadErrors: map[string][]string{"m/p [m/p.test]": {"test variant only"}}})
	assert.Empty(t, r.LoadAfter, "a test variant's error does not hide a non-test file")

	// A module version that could not be fetched.
	r = scoreBug(b, &BugRun{Version: "v1", Setup: "403 Forbidden"}, &BugRun{Version: "v2"})
	assert.Equal(t, "before: 403 Forbidden", r.Setup)
	assert.False(t, r.scoredBefore())
}

func TestSummarizeAndVerdict(t *testing.T) {
	res := func(check string, flagged, silent, crash bool) *BugResult {
		r := &BugResult{Bug: Bug{Check: check}, Flagged: flagged, Silent: silent, Crash: crash}
		return r
	}
	results := []*BugResult{
		res("dialtimeout", true, true, false),
		res("bodydrain", true, true, false),
		res("bodydrain", false, true, false),
		{Bug: Bug{Check: "bodydrain"}, LoadBefore: "broken"},
		{Bug: Bug{Check: "bodydrain"}, LoadAfter: "broken", Flagged: true},
		{Bug: Bug{Check: "servertimeout"}, Setup: "refused"},
	}
	per, total := Summarize(results, []string{"bodydrain", "dialtimeout", "servertimeout", "unboundedpool"})
	require.Len(t, per, 3, "checks without bugs are left out, the order is the registry's")
	assert.Equal(t, CheckSummary{Check: "bodydrain", Bugs: 4, Scored: 3, Flagged: 2, Recall: 2.0 / 3, ScoredAfter: 2, Silent: 2, LoadErrors: 2}, per[0])
	assert.Equal(t, "dialtimeout", per[1].Check)
	assert.Equal(t, CheckSummary{Check: "servertimeout", Bugs: 1, SetupErrors: 1}, per[2])
	assert.Equal(t, CheckSummary{Check: "all", Bugs: 6, Scored: 4, Flagged: 3, Recall: 0.75, ScoredAfter: 3, Silent: 3, LoadErrors: 2, SetupErrors: 1}, total)

	code, why := Verdict(total, 0.5)
	assert.Equal(t, exitHarness, code, "a bug that could not be set up fails the harness")
	assert.Len(t, why, 1)

	pass := CheckSummary{Bugs: 10, Scored: 10, Flagged: 9, Recall: 0.9, ScoredAfter: 10, Silent: 10}
	code, why = Verdict(pass, 0.9)
	assert.Equal(t, exitPass, code, "recall equal to the target passes: %v", why)
	assert.Empty(t, why)

	low := pass
	low.Flagged, low.Recall = 8, 0.8
	code, why = Verdict(low, 0.9)
	assert.Equal(t, exitFail, code)
	assert.Equal(t, []string{"recall before 8/10 = 80% is under the target 90%"}, why)
	code, _ = Verdict(low, 0.8)
	assert.Equal(t, exitPass, code, "-min-recall sets the target")

	after := pass
	after.Silent = 9
	code, why = Verdict(after, 0.9)
	assert.Equal(t, exitFail, code)
	assert.Equal(t, []string{"1 fixed version(s) still reported"}, why)

	crash := pass
	crash.Crashes = 1
	code, why = Verdict(crash, 0.9)
	assert.Equal(t, exitFail, code)
	assert.Equal(t, []string{"1 bug(s) with a crash"}, why)

	none := CheckSummary{Bugs: 2, LoadErrors: 2}
	code, why = Verdict(none, 0.9)
	assert.Equal(t, exitFail, code)
	assert.Equal(t, []string{"no bug could be scored (every package failed to load)"}, why)
}

func TestDocsSection(t *testing.T) {
	rep := &BugsReport{
		Date: "2026-01-02T03:04:05Z", GoVersion: "go1.26", File: "bugs.tsv", MinRecall: 0.9,
		Bugs: []*BugResult{
			{Bug: Bug{ID: "a", Check: "bodydrain", Module: "m", Before: "v1", After: "v2", File: "x.go", Line: 3, AfterFile: "x.go", AfterLine: 4, Upstream: "https://u/1"},
				Flagged: true, Rule: ruleLine, Hit: &Finding{Check: "bodydrain", Pos: "x.go:3:1"}, Silent: true},
			{Bug: Bug{ID: "b|c", Check: "bodydrain", Module: "m", Before: "v1", After: "v2", File: "y.go", Line: 3, AfterFile: "y.go", AfterLine: 4},
				Silent: true},
		},
	}
	rep.Checks, rep.Total = Summarize(rep.Bugs, []string{"bodydrain"})
	rep.Exit, rep.Why = Verdict(rep.Total, rep.MinRecall)

	// A new file: intro, markers, a heading for humans.
	doc, err := replaceSection("", bugsMarkdown(rep))
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(doc, "# connvet on real, fixed bugs"))
	assert.Contains(t, doc, bugsBegin+"\n")
	assert.Contains(t, doc, "| [a](https://u/1) | m | v1 → v2 | bodydrain | `x.go:3` flagged at line 3 | `x.go:4` silent |  |")
	assert.Contains(t, doc, "| b\\|c | m |")
	assert.Contains(t, doc, "## Why missed")
	assert.Contains(t, doc, "Result: **fail** (exit 1): recall before 1/2 = 50% is under the target 90%.")

	// Humans write notes and a why-missed section; a rerun keeps both.
	edited := strings.Replace(doc, "`x.go:4` silent |  |", "`x.go:4` silent | fixed in 1.2 \\| see PR |", 1)
	edited = strings.Replace(edited, "`y.go:4` silent |  |", "`y.go:4` silent | helper closes it |", 1)
	edited += "\nb: the body is closed in a helper.\n"
	notes := bugNotes(edited)
	assert.Equal(t, map[string]string{"a": "fixed in 1.2 | see PR", "b|c": "helper closes it"}, notes)
	for _, r := range rep.Bugs {
		r.Note = notes[r.ID]
	}
	again, err := replaceSection(edited, bugsMarkdown(rep))
	require.NoError(t, err)
	assert.Equal(t, edited, again, "notes carried over, text outside the markers kept")

	// A file without markers gets the section appended.
	out, err := replaceSection("# Bugs\n\nintro\n", "table\n")
	require.NoError(t, err)
	assert.Equal(t, "# Bugs\n\nintro\n\n"+bugsBegin+"\n\ntable\n\n"+bugsEnd+"\n", out)
	_, err = replaceSection(bugsEnd+"\n"+bugsBegin+"\n", "x")
	assert.Error(t, err)
	_, err = replaceSection(bugsBegin+"\n", "x")
	assert.Error(t, err)
}

func TestPrintBugs(t *testing.T) {
	rep := &BugsReport{MinRecall: 0.9, Bugs: []*BugResult{
		{Bug: Bug{ID: "a", Check: "bodydrain", Module: "m", Before: "v1", After: "v2"}, Flagged: true, Rule: ruleRelated, Silent: true},
	}}
	rep.Checks, rep.Total = Summarize(rep.Bugs, []string{"bodydrain"})
	rep.Exit, rep.Why = Verdict(rep.Total, rep.MinRecall)
	var b strings.Builder
	printBugs(&b, rep)
	assert.Contains(t, b.String(), "yes (related)")
	assert.Contains(t, b.String(), "PASS: recall 100% (target 90%), silent after 1/1, no crash")
}

// TestSeedBugs runs the bugs mode over the seed entries (network: the
// module proxy). It runs only with CONNVET_CORPUS=1 or CONNVET_SLOW=1:
//
//	CONNVET_CORPUS=1 go test -run TestSeedBugs -v ./cmd/connvet-corpus/
func TestSeedBugs(t *testing.T) {
	if os.Getenv("CONNVET_CORPUS") != "1" && os.Getenv("CONNVET_SLOW") != "1" {
		t.Skip("set CONNVET_SLOW=1 (or CONNVET_CORPUS=1) to run the real-bug benchmark on its seed entries")
	}
	out := t.TempDir()
	docs := filepath.Join(t.TempDir(), "bugs.md")
	rep, err := RunBugs(BugsConfig{File: filepath.Join("testdata", "bugs_seed.tsv"), Out: out, Docs: docs, MinRecall: 0.9, Timeout: defaultTimeout}, io.Discard)
	require.NoError(t, err)
	require.Len(t, rep.Bugs, 2)
	for _, r := range rep.Bugs {
		assert.Empty(t, r.Setup, r.ID)
		assert.False(t, r.Crash, "%s: %v", r.ID, r.Crashes)
		assert.Empty(t, r.LoadBefore, r.ID)
		assert.Empty(t, r.LoadAfter, r.ID)
		assert.True(t, r.Silent, "%s: still reported after the fix: %+v", r.ID, r.AfterHit)
	}
	// gnostic's non-200 path leaves the body open: bodydrain reports it.
	assert.True(t, rep.Bugs[0].Flagged, "%s: nearest %+v", rep.Bugs[0].ID, rep.Bugs[0].Nearest)
	assert.Equal(t, 2, rep.Total.ScoredAfter)
	assert.Contains(t, []int{exitPass, exitFail}, rep.Exit)
	for _, f := range []string{filepath.Join(out, "bugs.json"), filepath.Join(out, "bugs.md"), docs} {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.Contains(t, string(data), "gnostic-reader-status", f)
	}
}

func TestParseBugsFixedColumn(t *testing.T) {
	const file = "id\tcheck\tmodule\tbefore\tafter\tpackage\tfile\tline\tafter_file\tafter_line\tupstream\tfailure\tfixed\n" +
		"a\tservertimeout\tm.x/y\tv1.0.0\tv1.0.1\tm.x/y\ta.go\t3\ta.go\t4\thttps://x\tslowloris\tReadHeaderTimeout\n" +
		"b\tservertimeout\tm.x/y\tv1.0.0\tv1.0.1\tm.x/y\ta.go\t3\ta.go\t4\thttps://x\tslowloris\n" +
		"c\tservertimeout\tm.x/y\tv1.0.0\tv1.0.1\tm.x/y\ta.go\t3\ta.go\t4\thttps://x\tslowloris\t(\n"
	_, err := ParseBugs(strings.NewReader(file), "t.tsv", []string{"servertimeout"})
	require.Error(t, err, "a bad regular expression is refused")
	bugs, err := ParseBugs(strings.NewReader(strings.Join(strings.Split(file, "\n")[:3], "\n")), "t.tsv", []string{"servertimeout"})
	require.NoError(t, err)
	require.Len(t, bugs, 2)
	assert.Equal(t, "ReadHeaderTimeout", bugs[0].Fixed)
	assert.Equal(t, "", bugs[1].Fixed)
}

func TestAfterPackage(t *testing.T) {
	moved := Bug{Module: "example.com/m", Package: "example.com/m/models/plugin", File: "models/plugin/p.go", AfterFile: "pkg/plugin/p.go"}
	assert.Equal(t, "example.com/m/pkg/plugin", moved.AfterPackage())
	toRoot := Bug{Module: "example.com/m", Package: "example.com/m/sub", File: "sub/a.go", AfterFile: "a.go"}
	assert.Equal(t, "example.com/m", toRoot.AfterPackage())
	same := Bug{Module: "example.com/m", Package: "example.com/m/sub", File: "sub/a.go", AfterFile: "sub/b.go"}
	assert.Equal(t, "example.com/m/sub", same.AfterPackage())
	// A package that is not its file's directory (a test package named
	// differently) is kept as written.
	other := Bug{Module: "example.com/m", Package: "example.com/m/x", File: "sub/a.go", AfterFile: "other/a.go"}
	assert.Equal(t, "example.com/m/x", other.AfterPackage())
}
