package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
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

func TestJSON(t *testing.T) {
	bin, dir := connvet(t), module(t)
	r := run(t, dir, bin, "-json", "./...")
	assert.Equal(t, 0, r.code, "-json reports through its output, not the exit code\n%s", r.stderr)

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
	assert.Equal(t, "ReadTimeout: time.Second", diags[2].SuggestedFixes[0].Edits[0].New)
}

func TestDiffAndFix(t *testing.T) {
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
	bin, dir := connvet(t), module(t)
	r := run(t, dir, "go", "vet", "-vettool="+bin, "./...")
	assert.NotEqual(t, 0, r.code)
	for _, w := range wantFindings {
		assert.Contains(t, r.stderr, w, "facts must flow from package a to b under go vet")
	}

	r = run(t, dir, "go", "vet", "-vettool="+bin, "./clean")
	assert.Equal(t, 0, r.code, r.stderr)
}

func TestHelp(t *testing.T) {
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

func TestSARIF(t *testing.T) {
	bin, dir := connvet(t), module(t)
	r := run(t, dir, bin, "-sarif", "./...")
	assert.Equal(t, 0, r.code, "SARIF mode succeeds whatever it finds: %s", r.stderr)

	var log struct {
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
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				Fixes []json.RawMessage `json:"fixes"`
			} `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &log), r.stdout)
	assert.Equal(t, "2.1.0", log.Version)
	require.Len(t, log.Runs, 1)
	run := log.Runs[0]
	assert.Equal(t, "connvet", run.Tool.Driver.Name)
	require.Len(t, run.Tool.Driver.Rules, len(analyzers.Checks()), "one rule per check")
	for i, c := range analyzers.Checks() {
		assert.Equal(t, c.Name(), run.Tool.Driver.Rules[i].ID)
		assert.Equal(t, c.URL(), run.Tool.Driver.Rules[i].HelpURI)
	}
	require.Len(t, run.Results, 3)
	assert.Equal(t, "dotimeout", run.Results[2].RuleID)
	loc := run.Results[2].Locations[0].PhysicalLocation
	assert.Equal(t, "b/b.go", loc.ArtifactLocation.URI, "relative to the module root (the copy is not a git repository)")
	assert.Equal(t, 20, loc.Region.StartLine)
	assert.Len(t, run.Results[2].Fixes, 1)
}

// A //connvet:ignore directive is honored inside the checks, so standalone
// and go vet agree; the ignore check reports directives that lack a reason
// or silence nothing, and disabling the check a directive names does not
// make the directive look stale.
func TestSuppression(t *testing.T) {
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
