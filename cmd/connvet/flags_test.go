package main

import (
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"

	"github.com/connvet/connvet/analyzers"
)

// The flag set is the driver's own: every driver flag, one per check, one
// per check option, with the driver's idea of which take a value.
func TestDriverFlags(t *testing.T) {
	savedFlags, savedArgs := flag.CommandLine, os.Args
	fs := driverFlags(analyzers.All())
	assert.Same(t, savedFlags, flag.CommandLine, "the stand-in command line is put back")
	assert.Equal(t, savedArgs, os.Args)

	takesValue := map[string]bool{
		"json": false, "fix": false, "diff": false, "flags": false, "V": false, "test": false, "sarif": false,
		"c": true, "debug": true, "cpuprofile": true, "memprofile": true, "trace": true, "tags": true,
	}
	for _, a := range analyzers.All() {
		takesValue[a.Name] = false
		a.Flags.VisitAll(func(f *flag.Flag) { takesValue[a.Name+"."+f.Name] = !isBool(f) })
	}
	require.Contains(t, takesValue, "unboundedpool.maxconns")
	require.Contains(t, takesValue, "bodydrain.noclose")
	for name, want := range takesValue {
		f := fs.Lookup(name)
		if assert.NotNil(t, f, "-%s", name) {
			assert.Equal(t, want, !isBool(f), "-%s takes a value", name)
		}
	}
	assert.Nil(t, fs.Lookup(probeFlag))
}

func TestCommandLine(t *testing.T) {
	fs := driverFlags(analyzers.All())
	for _, tc := range []struct {
		args      []string
		sarif     bool
		driver    []string // nil: stopped
		patterns  []string // nil: none
		stoppedAt string
	}{
		{args: []string{"-c", "2", "-sarif", "./..."}, sarif: true, driver: []string{"-c", "2", "./..."}, patterns: []string{"./..."}},
		{args: []string{"-sarif", "-c", "2", "./..."}, sarif: true, driver: []string{"-c", "2", "./..."}, patterns: []string{"./..."}},
		{args: []string{"-c=2", "-diff", "./..."}, driver: []string{"-c=2", "-diff", "-fix", "./..."}, patterns: []string{"./..."}},
		{args: []string{"-c", "2", "-diff", "./b", "./c"}, driver: []string{"-c", "2", "-diff", "-fix", "./b", "./c"}, patterns: []string{"./b", "./c"}},
		{args: []string{"-dotimeout=false", "-sarif", "./..."}, sarif: true, driver: []string{"-dotimeout=false", "./..."}, patterns: []string{"./..."}},
		{args: []string{"-json", "-c", "1", "./..."}, driver: []string{"-json", "-c", "1", "./..."}, patterns: []string{"./..."}},
		{args: []string{"-diff", "-fix", "./..."}, driver: []string{"-diff", "-fix", "./..."}, patterns: []string{"./..."}},
		{args: []string{"-fix", "-diff=true", "./..."}, driver: []string{"-fix", "-diff=true", "./..."}, patterns: []string{"./..."}},
		{args: []string{"-diff", "-fix=false", "./..."}, driver: []string{"-diff", "-fix=false", "-fix", "./..."}, patterns: []string{"./..."}},
		{args: []string{"-diff=false", "./..."}, driver: []string{"-diff=false", "./..."}, patterns: []string{"./..."}},
		{args: []string{"--sarif", "./..."}, sarif: true, driver: []string{"./..."}, patterns: []string{"./..."}},
		{args: []string{"-sarif=true", "./..."}, sarif: true, driver: []string{"./..."}, patterns: []string{"./..."}},
		{args: []string{"-sarif=false", "./..."}, driver: []string{"./..."}, patterns: []string{"./..."}},
		{args: []string{"-sarif", "-sarif=0", "./..."}, driver: []string{"./..."}, patterns: []string{"./..."}},
		// After "--", or after the first pattern, nothing is a flag.
		{args: []string{"--", "-sarif"}, driver: []string{"--", "-sarif"}, patterns: []string{"-sarif"}},
		{args: []string{"-c", "1", "--", "-sarif", "-diff"}, driver: []string{"-c", "1", "--", "-sarif", "-diff"}, patterns: []string{"-sarif", "-diff"}},
		{args: []string{"-diff", "--", "./b"}, driver: []string{"-diff", "-fix", "--", "./b"}, patterns: []string{"./b"}},
		{args: []string{"./...", "-sarif"}, driver: []string{"./...", "-sarif"}, patterns: []string{"./...", "-sarif"}},
		// A string option takes the next argument, whatever it looks like;
		// a boolean option does not.
		{args: []string{"-bodydrain.noclose", "-sarif", "./..."}, driver: []string{"-bodydrain.noclose", "-sarif", "./..."}, patterns: []string{"./..."}},
		{args: []string{"-unboundedpool.maxconns", "-sarif", "./..."}, sarif: true, driver: []string{"-unboundedpool.maxconns", "./..."}, patterns: []string{"./..."}},
		{args: []string{"-debug", "p", "-test=false", "--sarif=1", "-unboundedpool", "x"}, sarif: true, driver: []string{"-debug", "p", "-test=false", "-unboundedpool", "x"}, patterns: []string{"x"}},
		{args: []string{"-flags"}, driver: []string{"-flags"}},
		{args: []string{"help", "dotimeout"}, driver: []string{"help", "dotimeout"}, patterns: []string{"help", "dotimeout"}},
		// What the driver rejects stops the split there.
		{args: []string{"-sarif", "-nosuch", "./..."}, sarif: true, stoppedAt: "-nosuch"},
		{args: []string{"-c"}, stoppedAt: "-c"},
		{args: []string{"-h"}, stoppedAt: "-h"},
		{args: []string{"---sarif"}, stoppedAt: "---sarif"},
	} {
		cl := split(fs, tc.args)
		assert.Equal(t, tc.sarif, cl.on("sarif"), "%q: -sarif", tc.args)
		if tc.stoppedAt != "" {
			if assert.True(t, cl.stopped, "%q", tc.args) {
				assert.Equal(t, tc.stoppedAt, tc.args[cl.end], "%q", tc.args)
			}
			continue
		}
		assert.False(t, cl.stopped, "%q", tc.args)
		assert.Equal(t, tc.driver, cl.forDriver(), "%q: the driver's command line", tc.args)
		if tc.patterns == nil {
			assert.Empty(t, cl.patterns(), "%q", tc.args)
		} else {
			assert.Equal(t, tc.patterns, cl.patterns(), "%q", tc.args)
		}
	}
}

// -NAME flags select checks as the driver selects them.
func TestEnabled(t *testing.T) {
	names := func(as []*analysis.Analyzer) []string {
		var out []string
		for _, a := range as {
			out = append(out, a.Name)
		}
		return out
	}
	all := analyzers.All()
	allBut := func(name string) []string {
		var out []string
		for _, a := range all {
			if a.Name != name {
				out = append(out, a.Name)
			}
		}
		return out
	}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{nil, names(all)},
		{[]string{"-dotimeout=false"}, allBut("dotimeout")},
		{[]string{"-dotimeout"}, []string{"dotimeout"}},
		{[]string{"-ignore=false", "-bodydrain", "-dotimeout=true"}, []string{"dotimeout", "bodydrain"}},
		{[]string{"-dotimeout", "-dotimeout=false"}, allBut("dotimeout")},
		{[]string{"-json", "-unboundedpool.maxconns"}, names(all)},
	} {
		fs := driverFlags(all)
		require.NoError(t, fs.Parse(tc.args))
		assert.Equal(t, tc.want, names(enabled(fs, all)), "%q", tc.args)
	}
	// The option reached the analyzer itself.
	check, ok := analyzers.Lookup("unboundedpool")
	require.True(t, ok)
	maxconns := check.Analyzer.Flags.Lookup("maxconns")
	require.NotNil(t, maxconns)
	assert.Equal(t, "true", maxconns.Value.String())
	require.NoError(t, maxconns.Value.Set("false"))
}
