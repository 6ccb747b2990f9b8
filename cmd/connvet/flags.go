package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
)

// probeFlag is a flag no driver defines; see driverFlags.
const probeFlag = "connvet-probe-flags"

// driverFlags returns the flags connvet accepts: the very flag set the
// analysis driver (multichecker.Main) registers for analyzers (-json, -c,
// -fix, -diff, -flags, -V, -test, -debug, the profiles, one -NAME per
// analyzer and -NAME.OPTION per analyzer option, the legacy vet shims),
// plus -sarif. There is no other way to read it: the driver registers its
// flags in internal packages just before it parses the command line. So
// driverFlags runs multichecker.Main on a stand-in flag.CommandLine that
// panics on a parse error, with a command line of one flag it cannot know:
// the driver registers everything, fails to parse, and runs nothing.
//
// The flags' values are the driver's and the analyzers' own variables:
// parsing a command line with the result sets them, as the driver would.
func driverFlags(analyzers []*analysis.Analyzer) *flag.FlagSet {
	name := os.Args[0]
	fs := flag.NewFlagSet(name, flag.PanicOnError)
	fs.SetOutput(io.Discard)
	savedFlags, savedArgs := flag.CommandLine, os.Args
	flag.CommandLine, os.Args = fs, []string{name, "-" + probeFlag}
	func() {
		defer func() {
			flag.CommandLine, os.Args = savedFlags, savedArgs
			r := recover()
			if err, ok := r.(error); !ok || !strings.Contains(err.Error(), probeFlag) {
				panic(fmt.Sprintf("connvet: reading the driver's flags: unexpected %v", r))
			}
		}()
		multichecker.Main(analyzers...)
	}()
	fs.Init(name, flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	fs.Bool("sarif", false, "write the findings as SARIF 2.1.0 to standard output (docs/sarif.md)")
	return fs
}

// flagUse is one flag on a command line: args[start:end] spell it.
type flagUse struct {
	name, value string // value is "true" for a boolean flag without one
	start, end  int
}

// commandLine is a command line split as the flag package splits it.
type commandLine struct {
	args []string
	uses []flagUse
	// end is the index of the first argument after the flags; dashDash
	// is the index of the "--" that ended them, or -1.
	end, dashDash int
	// stopped is set when the split stopped at an argument the flag set
	// rejects (an unknown flag, bad syntax, a missing value): parsing
	// fails there.
	stopped bool
}

// split splits args the way fs.Parse reads them, without setting any
// flag: it knows from fs which flags are boolean (IsBoolFlag) and so take
// no separate value.
func split(fs *flag.FlagSet, args []string) commandLine {
	cl := commandLine{args: args, dashDash: -1}
	i := 0
	for i < len(args) {
		s := args[i]
		if len(s) < 2 || s[0] != '-' {
			break
		}
		name := s[1:]
		if s[1] == '-' {
			if len(s) == 2 {
				cl.dashDash = i
				i++
				break
			}
			name = s[2:]
		}
		if name == "" || name[0] == '-' || name[0] == '=' {
			cl.stopped = true
			break
		}
		name, value, hasValue := strings.Cut(name, "=")
		f := fs.Lookup(name)
		if f == nil {
			cl.stopped = true
			break
		}
		use := flagUse{name: name, value: value, start: i, end: i + 1}
		if !isBool(f) && !hasValue {
			if i+1 == len(args) {
				cl.stopped = true
				break
			}
			use.value, use.end = args[i+1], i+2
		} else if !hasValue {
			use.value = "true"
		}
		cl.uses = append(cl.uses, use)
		i = use.end
	}
	cl.end = i
	return cl
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// on reports whether the boolean flag name is set to true: the last of
// its uses wins.
func (cl commandLine) on(name string) bool {
	on := false
	for _, u := range cl.uses {
		if u.name == name {
			on, _ = strconv.ParseBool(u.value)
		}
	}
	return on
}

// patterns returns the arguments after the flags.
func (cl commandLine) patterns() []string { return cl.args[cl.end:] }

// forDriver returns the command line for the analysis driver: without
// -sarif, which the driver does not know, and with -fix added after the
// other flags when -diff is on and -fix is not (the driver prints a diff
// only under -fix).
func (cl commandLine) forDriver() []string {
	var out []string
	next := 0
	for _, u := range cl.uses {
		if u.name == "sarif" {
			out = append(out, cl.args[next:u.start]...)
			next = u.end
		}
	}
	flagsEnd := cl.end
	if cl.dashDash >= 0 {
		flagsEnd = cl.dashDash
	}
	out = append(out, cl.args[next:flagsEnd]...)
	if cl.on("diff") && !cl.on("fix") && !cl.stopped {
		out = append(out, "-fix")
	}
	return append(out, cl.args[flagsEnd:]...)
}
