package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/connvet/connvet/analyzers"
)

// The end-to-end tests build the real binary and run it the ways users
// do: standalone, with -json, -diff and -fix, and as a go vet tool, on the
// module testdata/e2e (real fasthttp v1.70.0). Package a builds clients,
// package b uses them (so findings there need facts from a), package
// clean has none.

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// connvet returns the path of a freshly built binary.
func connvet(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "connvet-e2e")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(dir, "connvet")
		out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
		if err != nil {
			buildErr = errors.New(string(out))
		}
	})
	require.NoError(t, buildErr)
	return binary
}

// module returns a private copy of testdata/e2e with its dependencies
// downloaded, so runs may modify it.
func module(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	src := filepath.Join(filepath.Dir(file), "..", "..", "testdata", "e2e")
	dst := t.TempDir()
	require.NoError(t, os.CopyFS(dst, os.DirFS(src)))
	cmd := exec.Command("go", "mod", "download")
	cmd.Dir = dst
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	return dst
}

type result struct {
	stdout, stderr string
	code           int
}

func run(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return result{stdout.String(), stderr.String(), code}
}

var wantFindings = []string{
	"b/b.go:13:18: client a.Client has no ReadTimeout: GetTimeout",
	"b/b.go:16:18: client a.New() has no ReadTimeout: GetTimeout",
	"b/b.go:20:15: client c has no ReadTimeout: GetTimeout",
}

func TestStandalone(t *testing.T) {
	t.Parallel()
	bin, dir := connvet(t), module(t)

	r := run(t, dir, bin, "./...")
	assert.Equal(t, 3, r.code, "findings exit with 3\n%s", r.stderr)
	for _, w := range wantFindings {
		assert.Contains(t, r.stderr, w)
	}
	assert.Equal(t, 3, strings.Count(r.stderr, "no free connections available to host"))

	r = run(t, dir, bin, "./clean")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr)

	r = run(t, dir, bin, "-dotimeout=false", "./...")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.NotContains(t, r.stderr, "ReadTimeout")
}

// edit and diagnostic are the driver's -json shapes.
type edit struct {
	Filename   string `json:"filename"`
	Start, End int
	New        string `json:"new"`
}

type diagnostic struct {
	Posn           string `json:"posn"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string `json:"message"`
		Edits   []edit `json:"edits"`
	} `json:"suggested_fixes"`
}

func TestJSON(t *testing.T) {
	t.Parallel()
	bin, dir := connvet(t), module(t)
	r := run(t, dir, bin, "-json", "./...")
	assert.Equal(t, 0, r.code, "-json reports through its output, not the exit code\n%s", r.stderr)

	var tree map[string]map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &tree), r.stdout)
	require.Contains(t, tree, "example.com/e2e/b")
	var diags []diagnostic
	require.NoError(t, json.Unmarshal(tree["example.com/e2e/b"]["dotimeout"], &diags))
	require.Len(t, diags, 3)
	for i, d := range diags {
		assert.True(t, strings.HasSuffix(d.Posn, strings.SplitN(wantFindings[i], ": ", 2)[0]), d.Posn)
		assert.Contains(t, d.Message, "has no ReadTimeout")
	}
	// Only the local literal can be fixed; the clients of package a are
	// another package's.
	assert.Empty(t, diags[0].SuggestedFixes)
	require.Len(t, diags[2].SuggestedFixes, 1)
	assert.Equal(t, "Add ReadTimeout to the client", diags[2].SuggestedFixes[0].Message)
	fix := diags[2].SuggestedFixes[0]
	require.Len(t, fix.Edits, 1)
	assert.Equal(t, "ReadTimeout: time.Second", fix.Edits[0].New)
	assert.True(t, strings.HasSuffix(fix.Edits[0].Filename, filepath.Join("b", "b.go")), fix.Edits[0].Filename)
	assert.Equal(t, fix.Edits[0].Start, fix.Edits[0].End, "an insertion")
}

func TestDiffAndFix(t *testing.T) {
	t.Parallel()
	bin, dir := connvet(t), module(t)

	// -diff prints the fixes instead of applying them, alone or with -fix.
	for _, args := range [][]string{{"-diff", "./b"}, {"-fix", "-diff", "./b"}} {
		r := run(t, dir, bin, args...)
		assert.Contains(t, r.stdout, "+\tc := &fasthttp.Client{ReadTimeout: time.Second}", args)
	}
	before, err := os.ReadFile(filepath.Join(dir, "b", "b.go"))
	require.NoError(t, err)
	assert.Contains(t, string(before), "c := &fasthttp.Client{}", "-diff must not write")

	r := run(t, dir, bin, "-fix", "./...")
	assert.Equal(t, 0, r.code, "-fix applies fixes and succeeds: %s", r.stderr)
	after, err := os.ReadFile(filepath.Join(dir, "b", "b.go"))
	require.NoError(t, err)
	assert.Contains(t, string(after), "c := &fasthttp.Client{ReadTimeout: time.Second}")

	build := run(t, dir, "go", "build", "./...")
	assert.Equal(t, 0, build.code, "fixed code must compile: %s", build.stderr)
	unformatted := run(t, dir, "gofmt", "-l", ".")
	assert.Empty(t, unformatted.stdout, "fixed code must be gofmt-clean")

	// What is left needs a fix in package a: the local client is fixed.
	r = run(t, dir, bin, "./...")
	assert.Contains(t, r.stderr, "client a.Client has no ReadTimeout")
	assert.NotContains(t, r.stderr, "client c has no ReadTimeout")
}

func TestVetTool(t *testing.T) {
	t.Parallel()
	bin, dir := connvet(t), module(t)
	r := run(t, dir, "go", "vet", "-vettool="+bin, "./...")
	assert.Equal(t, 1, r.code, "go vet's status for findings")
	for _, w := range wantFindings {
		assert.Contains(t, r.stderr, w, "facts must flow from package a to b under go vet")
	}

	r = run(t, dir, "go", "vet", "-vettool="+bin, "./clean")
	assert.Equal(t, 0, r.code, r.stderr)

	// The statuses docs/exit-codes.md gives for go vet.
	r = run(t, dir, "go", "vet", "-vettool="+bin, "-json", "./b")
	assert.Equal(t, 0, r.code, "go vet -json does not fail on findings: %s", r.stderr)
	assert.Contains(t, r.stdout, `"posn"`)
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "broken"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "broken", "broken.go"), []byte("package broken\n\nvar X int = \"s\"\n"), 0o644))
	r = run(t, dir, "go", "vet", "-vettool="+bin, "./broken")
	assert.Equal(t, 1, r.code, r.stderr)
	r = run(t, dir, "go", "vet", "-vettool="+bin, "-sarif", "./clean")
	assert.Equal(t, 2, r.code, "SARIF is standalone only: %s", r.stderr)
}

func TestHelp(t *testing.T) {
	t.Parallel()
	bin := connvet(t)
	r := run(t, ".", bin, "help")
	assert.Equal(t, 0, r.code)
	for _, c := range analyzers.Checks() {
		assert.Contains(t, r.stdout+r.stderr, c.Name(), "help must list every check")
		assert.Contains(t, r.stdout+r.stderr, c.Title())
	}

	r = run(t, ".", bin, "help", "dotimeout")
	assert.Equal(t, 0, r.code)
	c, _ := analyzers.Lookup("dotimeout")
	assert.Contains(t, r.stdout+r.stderr, strings.SplitN(c.Analyzer.Doc, "\n", 3)[2][:60])
}

// The fixture must stay a valid module: copying it must bring go.sum.
func TestFixtureHasSum(t *testing.T) {
	_, err := fs.Stat(os.DirFS(filepath.Join("..", "..", "testdata", "e2e")), "go.sum")
	assert.NoError(t, err)
}

// sarifLog is the part of a SARIF log the tests read.
type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID      string `json:"id"`
					HelpURI string `json:"helpUri"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			Fixes []struct {
				Description     struct{ Text string }
				ArtifactChanges []struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Replacements []struct {
						DeletedRegion struct {
							ByteOffset int `json:"byteOffset"`
							ByteLength int `json:"byteLength"`
						} `json:"deletedRegion"`
						InsertedContent struct{ Text string } `json:"insertedContent"`
					} `json:"replacements"`
				} `json:"artifactChanges"`
			} `json:"fixes"`
		} `json:"results"`
		Invocations []struct {
			ExecutionSuccessful bool `json:"executionSuccessful"`
			Notifications       []struct {
				Level   string `json:"level"`
				Message struct{ Text string }
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
	} `json:"runs"`
}

// parseSARIF reads a run's stdout as a SARIF log of one run.
func parseSARIF(t *testing.T, r result) sarifLog {
	t.Helper()
	var log sarifLog
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &log), "stdout: %s\nstderr: %s", r.stdout, r.stderr)
	require.Len(t, log.Runs, 1)
	require.Len(t, log.Runs[0].Invocations, 1)
	return log
}

func TestSARIF(t *testing.T) {
	t.Parallel()
	bin, dir := connvet(t), module(t)
	r := run(t, dir, bin, "-sarif", "./...")
	assert.Equal(t, 0, r.code, "SARIF mode succeeds whatever it finds: %s", r.stderr)

	log := parseSARIF(t, r)
	assert.Equal(t, "2.1.0", log.Version)
	run := log.Runs[0]
	assert.Equal(t, "connvet", run.Tool.Driver.Name)
	require.Len(t, run.Tool.Driver.Rules, len(analyzers.Checks()), "one rule per check")
	for i, c := range analyzers.Checks() {
		assert.Equal(t, c.Name(), run.Tool.Driver.Rules[i].ID)
		assert.Equal(t, c.URL(), run.Tool.Driver.Rules[i].HelpURI)
	}
	require.Len(t, run.Results, 3)
	for i, res := range run.Results {
		want := strings.SplitN(wantFindings[i], ": ", 2)
		assert.Equal(t, "dotimeout", res.RuleID)
		assert.Equal(t, want[0], fmt.Sprintf("%s:%d:%d", res.Locations[0].PhysicalLocation.ArtifactLocation.URI,
			res.Locations[0].PhysicalLocation.Region.StartLine, res.Locations[0].PhysicalLocation.Region.StartColumn))
		assert.True(t, strings.HasPrefix(res.Message.Text, want[1]), res.Message.Text)
	}
	assert.Equal(t, "b/b.go", run.Results[2].Locations[0].PhysicalLocation.ArtifactLocation.URI,
		"relative to the module root (the copy is not a git repository)")
	assert.True(t, run.Invocations[0].ExecutionSuccessful)
	assert.Empty(t, run.Invocations[0].Notifications)

	// The fix -json reports for the local client, as a SARIF fix.
	assert.Empty(t, run.Results[0].Fixes)
	require.Len(t, run.Results[2].Fixes, 1)
	fix := run.Results[2].Fixes[0]
	assert.Equal(t, "Add ReadTimeout to the client", fix.Description.Text)
	require.Len(t, fix.ArtifactChanges, 1)
	assert.Equal(t, "b/b.go", fix.ArtifactChanges[0].ArtifactLocation.URI)
	require.Len(t, fix.ArtifactChanges[0].Replacements, 1)
	rep := fix.ArtifactChanges[0].Replacements[0]
	assert.Equal(t, "ReadTimeout: time.Second", rep.InsertedContent.Text)
	edit := jsonFix(t, bin, dir)
	assert.Equal(t, edit.Start, rep.DeletedRegion.ByteOffset, "the edit -json reports")
	assert.Equal(t, edit.End-edit.Start, rep.DeletedRegion.ByteLength)
	src, err := os.ReadFile(filepath.Join(dir, "b", "b.go"))
	require.NoError(t, err)
	assert.Equal(t, "}", string(src[rep.DeletedRegion.ByteOffset]), "inserted inside fasthttp.Client{}")
}

// jsonFix returns the edit of the fix -json reports for client c.
func jsonFix(t *testing.T, bin, dir string) edit {
	t.Helper()
	r := run(t, dir, bin, "-json", "./b")
	var tree map[string]map[string][]diagnostic
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &tree), r.stdout)
	diags := tree["example.com/e2e/b"]["dotimeout"]
	require.Len(t, diags, 3)
	require.Len(t, diags[2].SuggestedFixes, 1)
	require.Len(t, diags[2].SuggestedFixes[0].Edits, 1)
	return diags[2].SuggestedFixes[0].Edits[0]
}

// connvet's own flags (-sarif, -diff implying -fix) are read wherever
// they are among the driver's flags, including after flags that take a
// value, and not after "--".
func TestFlagOrder(t *testing.T) {
	t.Parallel()
	bin, dir := connvet(t), module(t)
	for _, args := range [][]string{
		{"-c", "2", "-sarif", "./..."},
		{"-sarif", "-c", "2", "./..."},
		{"-c=2", "--sarif", "./..."},
		{"-debug", "p", "-test=false", "-sarif=true", "./..."},
		{"-sarif", "--", "./..."},
	} {
		r := run(t, dir, bin, args...)
		assert.Equal(t, 0, r.code, "%q: %s", args, r.stderr)
		assert.Len(t, parseSARIF(t, r).Runs[0].Results, 3, args)
	}

	r := run(t, dir, bin, "-dotimeout=false", "-sarif", "./...")
	assert.Equal(t, 0, r.code, r.stderr)
	log := parseSARIF(t, r)
	assert.Empty(t, log.Runs[0].Results, "-dotimeout=false is honored")
	assert.Len(t, log.Runs[0].Tool.Driver.Rules, len(analyzers.Checks()), "every check is a rule")

	r = run(t, dir, bin, "-sarif=false", "./b")
	assert.Equal(t, 3, r.code, "-sarif=false: the text output\n%s", r.stderr)
	assert.Contains(t, r.stderr, wantFindings[2])

	r = run(t, dir, bin, "-json", "-c", "1", "./...")
	assert.Equal(t, 0, r.code, r.stderr)
	var tree map[string]map[string][]diagnostic
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &tree), r.stdout)
	assert.Len(t, tree["example.com/e2e/b"]["dotimeout"], 3)

	for _, args := range [][]string{{"-c=2", "-diff", "./b"}, {"-c", "2", "-diff", "./b"}, {"-diff", "--", "./b"}} {
		r := run(t, dir, bin, args...)
		assert.Equal(t, 0, r.code, "%q: %s", args, r.stderr)
		assert.Contains(t, r.stdout, "+\tc := &fasthttp.Client{ReadTimeout: time.Second}", "%q implies -fix", args)
	}
	src, err := os.ReadFile(filepath.Join(dir, "b", "b.go"))
	require.NoError(t, err)
	assert.Contains(t, string(src), "c := &fasthttp.Client{}", "-diff must not write")

	// After "--" a flag is a package pattern (a bad one).
	r = run(t, dir, bin, "--", "-sarif")
	assert.Equal(t, 1, r.code, r.stderr)
	assert.Empty(t, r.stdout, "not SARIF mode")
	assert.Contains(t, r.stderr, `malformed import path "-sarif"`)

	// A string option takes the next argument as its value.
	r = run(t, dir, bin, "-bodydrain.noclose", "-sarif", "./b")
	assert.Equal(t, 3, r.code, "-sarif is -bodydrain.noclose's value: %s", r.stderr)
	assert.Empty(t, r.stdout)
}

// -sarif honors check options and selects checks as the driver does.
func TestSARIFOptions(t *testing.T) {
	t.Parallel()
	bin, dir := connvet(t), module(t)
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "pool"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "pool", "pool.go"), []byte(`package pool

import (
	"net/http"
	"time"
)

// Transport expires idle connections and pings HTTP/2 connections, but
// has no MaxConnsPerHost.
var Transport = &http.Transport{IdleConnTimeout: time.Minute, HTTP2: &http.HTTP2Config{SendPingTimeout: time.Minute}}
`), 0o644))
	const want = "pool/pool.go:10:18"

	r := run(t, dir, bin, "./pool")
	assert.Equal(t, 0, r.code, r.stderr)
	r = run(t, dir, bin, "-unboundedpool.maxconns", "./pool")
	assert.Equal(t, 3, r.code, r.stderr)
	assert.Contains(t, r.stderr, want, "the option is on in the standalone driver")

	r = run(t, dir, bin, "-sarif", "./pool")
	assert.Empty(t, parseSARIF(t, r).Runs[0].Results)
	for _, args := range [][]string{
		{"-unboundedpool.maxconns", "-sarif", "./pool", "./b"},
		{"-sarif", "-unboundedpool", "-unboundedpool.maxconns=true", "./pool", "./b"},
	} {
		r = run(t, dir, bin, args...)
		assert.Equal(t, 0, r.code, r.stderr)
		results := parseSARIF(t, r).Runs[0].Results
		var got []string
		for _, res := range results {
			loc := res.Locations[0].PhysicalLocation
			got = append(got, fmt.Sprintf("%s %s:%d:%d", res.RuleID, loc.ArtifactLocation.URI, loc.Region.StartLine, loc.Region.StartColumn))
		}
		if args[1] == "-unboundedpool" {
			assert.Equal(t, []string{"unboundedpool " + want}, got, "%q: -unboundedpool selects that check alone", args)
		} else {
			assert.Contains(t, got, "unboundedpool "+want, args)
			assert.Len(t, got, 4, "%q: and the dotimeout findings", args)
		}
	}
}

// The exit codes docs/exit-codes.md documents.
func TestExitCodes(t *testing.T) {
	t.Parallel()
	bin, dir := connvet(t), module(t)
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "broken"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "broken", "broken.go"), []byte("package broken\n\nvar X int = \"s\"\n"), 0o644))
	const typeError = `broken/broken.go:3:13: cannot use "s"`
	empty := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(empty, "go.mod"), []byte("module example.com/empty\n\ngo 1.26\n"), 0o644))

	for _, tc := range []struct {
		dir  string
		args []string
		code int
		out  string // in stdout or stderr
	}{
		{dir, []string{"./clean"}, 0, ""},
		{dir, []string{"./b"}, 3, wantFindings[0]},
		{dir, []string{"./broken"}, 1, typeError},
		{dir, []string{"./b", "./broken"}, 1, wantFindings[0]}, // errors outrank findings
		{dir, []string{"./nosuch"}, 1, "directory not found"},
		{empty, []string{"./..."}, 1, "matched no packages"},
		{dir, nil, 1, "Usage: connvet [-flag] [package]"},
		{dir, []string{"-nosuch", "./b"}, 2, "flag provided but not defined: -nosuch"},
		{dir, []string{"-c", "abc", "./b"}, 2, `invalid value "abc" for flag -c`},
		{dir, []string{"-dotimeout=maybe", "./b"}, 2, "invalid boolean value"},
		{dir, []string{"./b", "-c"}, 1, `malformed import path "-c"`},
		{dir, []string{"help"}, 0, "dotimeout"},
		{dir, []string{"-V=full"}, 0, "version"},
		{dir, []string{"-flags"}, 0, `"Name": "dotimeout"`},
		{dir, []string{"-h"}, 0, "-sarif"},
		{dir, []string{"-json", "./b"}, 0, `"posn"`},
		{dir, []string{"-json", "./broken"}, 1, `"error": "analysis skipped due to errors in package"`},
		{dir, []string{"-diff", "./b"}, 0, "+\tc := &fasthttp.Client{ReadTimeout: time.Second}"},
		{dir, []string{"-diff", "./broken"}, 1, typeError},
		{dir, []string{"-sarif", "./b"}, 0, `"ruleId": "dotimeout"`},
		{dir, []string{"-sarif", "./broken"}, 0, `"executionSuccessful": false`},
		{dir, []string{"-sarif", "./nosuch"}, 0, `"executionSuccessful": false`},
		{empty, []string{"-sarif", "./..."}, 1, "matched no packages"},
		{dir, []string{"-sarif", "-json", "./b"}, 2, "-sarif writes SARIF; it cannot be combined with -json"},
		{dir, []string{"-sarif", "-fix", "./b"}, 2, "cannot be combined with -fix"},
		{dir, []string{"-sarif", "-nosuch", "./b"}, 2, "flag provided but not defined: -nosuch"},
		{dir, []string{"-sarif", "-h"}, 0, "-sarif"},
	} {
		r := run(t, tc.dir, bin, tc.args...)
		assert.Equal(t, tc.code, r.code, "%q\nstdout: %s\nstderr: %s", tc.args, r.stdout, r.stderr)
		assert.Contains(t, r.stdout+r.stderr, tc.out, tc.args)
		if len(tc.args) > 0 && tc.args[0] == "-sarif" && tc.code != 0 {
			assert.Empty(t, r.stdout, "%q: no log when the analysis did not run", tc.args)
		}
	}

	// go vet asks -flags which flags to pass on; -sarif is not one.
	assert.NotContains(t, run(t, dir, bin, "-flags").stdout, "sarif")

	// -sarif reports the package that failed, and the findings of the others.
	r := run(t, dir, bin, "-sarif", "./b", "./broken")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, typeError, "package errors on stderr too")
	log := parseSARIF(t, r)
	assert.Len(t, log.Runs[0].Results, 3)
	inv := log.Runs[0].Invocations[0]
	assert.False(t, inv.ExecutionSuccessful)
	require.Len(t, inv.Notifications, 1, "one error, not one per skipped check: %+v", inv.Notifications)
	assert.Equal(t, "error", inv.Notifications[0].Level)
	assert.Contains(t, inv.Notifications[0].Message.Text, "example.com/e2e/broken: ")
	assert.Contains(t, inv.Notifications[0].Message.Text, typeError)

	// -fix applies what it can and still fails on the broken package.
	r = run(t, dir, bin, "-fix", "./b", "./broken")
	assert.Equal(t, 1, r.code, r.stderr)
	src, err := os.ReadFile(filepath.Join(dir, "b", "b.go"))
	require.NoError(t, err)
	assert.Contains(t, string(src), "c := &fasthttp.Client{ReadTimeout: time.Second}")
	r = run(t, dir, bin, "-fix", "./b")
	assert.Equal(t, 0, r.code, "-fix: findings without fixes remain, still 0: %s", r.stderr)
}

// A //connvet:ignore directive is honored inside the checks, so standalone
// and go vet agree; the ignore check reports directives that lack a reason
// or silence nothing, and disabling the check a directive names does not
// make the directive look stale.
func TestSuppression(t *testing.T) {
	t.Parallel()
	bin, dir := connvet(t), module(t)
	const directive = "//connvet:ignore dotimeout the sidecar answers within a millisecond\n"

	for _, args := range [][]string{{"./suppressed"}, {"-dotimeout=false", "./suppressed"}, {"-json", "./suppressed"}} {
		r := run(t, dir, bin, args...)
		assert.Equal(t, 0, r.code, "%v: %s", args, r.stderr)
		assert.Empty(t, r.stderr, args)
		assert.NotContains(t, r.stdout, "posn", args)
	}
	r := run(t, dir, "go", "vet", "-vettool="+bin, "./suppressed")
	assert.Equal(t, 0, r.code, r.stderr)

	// Three bad directives in one more file of the package, one per
	// function, each over a copy of the silenced call.
	src, err := os.ReadFile(filepath.Join(dir, "suppressed", "suppressed.go"))
	require.NoError(t, err)
	require.Contains(t, string(src), directive)
	_, body, _ := strings.Cut(string(src), "func Fetch(")
	bad := "package suppressed\n\nimport (\n\t\"time\"\n\n\t\"github.com/valyala/fasthttp\"\n)\n"
	cases := []struct{ fn, replacement, want string }{
		{"NoReason", "//connvet:ignore dotimeout\n", "directive for dotimeout has no reason"},
		{"TooFar", directive + "\n", "directive for dotimeout silences nothing"},
		{"Unknown", "//connvet:ignore dotimeuot the sidecar answers within a millisecond\n", "names unknown check dotimeuot"},
	}
	for _, tc := range cases {
		bad += "\nfunc " + tc.fn + "(" + strings.Replace(body, directive, tc.replacement, 1)
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "suppressed", "bad.go"), []byte(bad), 0o644))

	for _, cmd := range [][]string{{bin, "./suppressed"}, {"go", "vet", "-vettool=" + bin, "./suppressed"}} {
		r := run(t, dir, cmd[0], cmd[1:]...)
		assert.NotEqual(t, 0, r.code, cmd)
		for _, tc := range cases {
			assert.Contains(t, r.stderr, tc.want, "%s %v: the directive is reported", tc.fn, cmd)
		}
		assert.Equal(t, len(cases), strings.Count(r.stderr, "client c has no ReadTimeout"),
			"%v: the findings under bad directives are back, the good one stays silent\n%s", cmd, r.stderr)
	}

	// -ignore=false turns off the judging of directives, not their effect.
	r = run(t, dir, bin, "-ignore=false", "./suppressed")
	assert.Equal(t, 3, r.code, r.stderr)
	assert.NotContains(t, r.stderr, "directive")
	assert.Equal(t, len(cases), strings.Count(r.stderr, "client c has no ReadTimeout"), r.stderr)
}
