// Package guard keeps an analyzer's panic from killing the whole build.
//
// A panic inside an analyzer is a connvet bug, but the user's build should
// not pay for it: Run turns it into an ordinary analysis error that names
// the check, the package and the panic, and the driver goes on with the
// other analyzers.
package guard

import (
	"fmt"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// RunFunc is the signature of analysis.Analyzer.Run.
type RunFunc = func(*analysis.Pass) (any, error)

// Run wraps run so that a panic becomes an error naming the check.
func Run(run RunFunc) RunFunc {
	return func(pass *analysis.Pass) (result any, err error) {
		defer func() {
			if r := recover(); r != nil {
				result = nil
				err = fmt.Errorf("connvet/%s: internal error in package %s: %v (please report it)\n%s",
					pass.Analyzer.Name, pass.Pkg.Path(), r, firstFrames(debug.Stack(), 12))
			}
		}()
		return run(pass)
	}
}

// firstFrames keeps the top of a stack trace: enough to locate the bug,
// short enough to read in a build log.
func firstFrames(stack []byte, n int) string {
	lines := strings.Split(string(stack), "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
