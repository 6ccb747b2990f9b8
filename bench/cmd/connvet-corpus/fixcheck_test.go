package main

import (
	"go/ast"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"

	"github.com/connvet/connvet/analyzers"
)

// TestMain lets the test binary be the -fixcheck child, as the command is.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "fixcheck-child" {
		os.Exit(fixcheckChild(os.Args[2:]))
	}
	os.Exit(m.Run())
}

// fixmod copies testdata/fixmod (no dependencies: it runs offline) into a
// temporary directory.
func fixmod(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "fixmod")
	require.NoError(t, copyTree(filepath.Join("testdata", "fixmod"), dir))
	return dir
}

func TestFixCheckDir(t *testing.T) {
	dir := fixmod(t)
	for _, batch := range []int{0, 1} {
		fc, err := fixCheckDir(dir, []string{"./..."}, batch, analyzers.All())
		require.NoError(t, err)
		assert.Equal(t, fixCheckOK, fc.Status)
		assert.Equal(t, map[int]int{0: 1, 1: 2}[batch], fc.Batches, "batch %d", batch)
		want := FixCounts{Diagnostics: 2, Fixes: 2, Applied: 2, Gofmt: 2, Compiled: 2, Gone: 2, Packages: 2, Together: 2, Merged: 2}
		assert.Equal(t, want, fc.Total)
		assert.Equal(t, want, fc.Counts["servertimeout"])
		assert.Equal(t, 0, fc.Failing)
		require.Contains(t, fc.Skipped, "example.com/fixmod/broken")
		assert.True(t, strings.HasPrefix(fc.Skipped["example.com/fixmod/broken"][0], "broken/broken.go:4:"), "relative to the module: %s", fc.Skipped["example.com/fixmod/broken"][0])
		assert.False(t, fc.Gate())
	}
}

// breaker reports every http.Server literal with a fix that does not
// compile, and every other composite literal with a fix that leaves it.
var breaker = &analysis.Analyzer{
	Name: "breaker",
	Doc:  "test analyzer with bad fixes",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			if !strings.HasSuffix(pass.Fset.File(f.Pos()).Name(), ".go") {
				continue // the generated test main
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.CompositeLit)
				if !ok {
					return true
				}
				text := ", NoSuchField: 1"
				if sel, ok := lit.Type.(*ast.SelectorExpr); !ok || sel.Sel.Name != "Server" {
					text = ""
				}
				pass.Report(analysis.Diagnostic{Pos: lit.Pos(), Message: "literal", SuggestedFixes: []analysis.SuggestedFix{{
					Message:   "Break it",
					TextEdits: []analysis.TextEdit{{Pos: lit.Rbrace, End: lit.Rbrace, NewText: []byte(text)}},
				}}})
				return true
			})
		}
		return nil, nil
	},
}

func TestFixCheckDirFailures(t *testing.T) {
	dir := fixmod(t)
	fc, err := fixCheckDir(dir, []string{"./srv"}, 0, []*analysis.Analyzer{breaker})
	require.NoError(t, err)
	assert.Equal(t, fixCheckFailed, fc.Status)
	assert.True(t, fc.Gate())
	stages := map[string]int{}
	for _, f := range fc.Failures {
		stages[f.Stage]++
		assert.False(t, filepath.IsAbs(f.Pos), f.Pos)
	}
	// srv.go: the Server literal does not compile (alone and together);
	// srv_test.go: the fix of the other literal leaves its finding.
	assert.Equal(t, 1, stages["compile"], fc.Failures)
	assert.Equal(t, 1, stages["together"], fc.Failures)
	assert.Equal(t, 1, stages["gone"], fc.Failures)
	assert.Equal(t, fc.FailureCount, fc.Failing)
	assert.Contains(t, fc.Failures[0].Pos, "srv/srv.go:7:")

	md := fixCheckMarkdown("##", []fixRow{{name: "example.com/fixmod", fc: fc}})
	assert.Contains(t, md, "## Fixes, one by one")
	assert.Contains(t, md, "| example.com/fixmod | failed |")
	assert.Contains(t, md, "fails **compile**")
}

// TestRunFixCheck runs the child: the test binary, through TestMain.
func TestRunFixCheck(t *testing.T) {
	dir := fixmod(t)
	fc := runFixCheck(dir, []string{"./..."}, 1, time.Minute, 2)
	require.Empty(t, fc.Error)
	assert.Equal(t, fixCheckOK, fc.Status)
	assert.Equal(t, 2, fc.Batches)
	assert.Equal(t, 2, fc.Total.Fixes)
	assert.Equal(t, 2, fc.JSONFixes)
	assert.Positive(t, fc.PeakRSSMiB)
	assert.NotContains(t, fc.Summary(), "connvet -json reported", "the counts agree")

	bad := runFixCheck(filepath.Join(dir, "nowhere"), []string{"./..."}, 0, time.Minute, 0)
	assert.Equal(t, fixCheckError, bad.Status)
	assert.True(t, bad.Gate())
}

func TestFixCheckGate(t *testing.T) {
	rep := &Report{}
	assert.False(t, rep.Failed())
	rep.FixCheckFailing = 1
	assert.True(t, rep.Failed())

	code, why := fixCheckVerdict(exitPass, nil, &FixCheckTotal{Runs: 2})
	assert.Equal(t, exitPass, code)
	assert.Empty(t, why)
	code, why = fixCheckVerdict(exitPass, nil, &FixCheckTotal{Runs: 2, Failing: 3})
	assert.Equal(t, exitFail, code)
	assert.Equal(t, []string{"3 suggested fix(es) failed -fixcheck"}, why)
	code, _ = fixCheckVerdict(exitHarness, []string{"setup"}, &FixCheckTotal{Errors: 1})
	assert.Equal(t, exitHarness, code, "a harness failure stays one")
}

func TestFixOfHit(t *testing.T) {
	hit := &Finding{Check: "servertimeout", Pos: "srv/srv.go:7:9", Message: "m", Fixes: 1}
	r := &BugResult{Bug: Bug{Package: "example.com/fixmod/srv"}, Hit: hit}
	fc := &FixCheck{Status: fixCheckOK}
	assert.Equal(t, "proved", fixOfHit(r, fc))
	assert.Equal(t, "not checked", fixOfHit(r, nil))
	assert.Equal(t, "", fixOfHit(&BugResult{}, fc), "not flagged")
	assert.Equal(t, "no fix", fixOfHit(&BugResult{Hit: &Finding{}}, fc))
	failed := &FixCheck{Status: fixCheckFailed, FailureCount: 1, Failing: 1, Failures: []FixFailure{{Check: "servertimeout", Pos: "srv/srv.go:7:9", Message: "m", Stage: "gone"}}}
	assert.Equal(t, "fails gone", fixOfHit(r, failed))
	skipped := &FixCheck{Status: fixCheckOK, Skipped: map[string][]string{"example.com/fixmod/srv [example.com/fixmod/srv.test]": {"x"}}}
	assert.Equal(t, "not checked", fixOfHit(r, skipped))
}

func TestJSONFixes(t *testing.T) {
	list := []Finding{{Package: "m/p", Fixes: 1}, {Package: "m/p_test", Fixes: 2}, {Package: "m/q", Fixes: 4}}
	assert.Equal(t, 7, jsonFixes(list, nil))
	assert.Equal(t, 3, jsonFixes(list, []string{"m/p"}))
}
