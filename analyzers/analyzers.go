// Package analyzers is connvet's registry: the one ordered list of checks
// with their metadata. The binary, the golangci-lint plugin and the gopls
// build all read it, so a check exists exactly when it is listed here.
package analyzers

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/connvet/connvet/passes/bodydrain"
	"github.com/connvet/connvet/passes/contentlength"
	"github.com/connvet/connvet/passes/dialtimeout"
	"github.com/connvet/connvet/passes/dotimeout"
	"github.com/connvet/connvet/passes/h2ping"
	"github.com/connvet/connvet/passes/ignore"
	"github.com/connvet/connvet/passes/keepaliveclose"
	"github.com/connvet/connvet/passes/servertimeout"
	"github.com/connvet/connvet/passes/unboundedpool"
	"github.com/connvet/connvet/passes/wsheartbeat"
)

// Version is the connvet release the registry describes.
const Version = "v0.1.0"

// DocsBase is where each check's page lives; a check's URL is
// DocsBase + name + ".md".
const DocsBase = "https://github.com/connvet/connvet/blob/main/docs/checks/"

// Check is one registered analyzer and what users need to know about it.
type Check struct {
	Analyzer *analysis.Analyzer
	Since    string // connvet version that introduced the check
	Default  bool   // whether the check runs when not named explicitly
}

// Name is the check's public name: analyzer name, flag, suppression key.
func (c Check) Name() string { return c.Analyzer.Name }

// Title is the first line of the analyzer's Doc.
func (c Check) Title() string {
	title, _, _ := strings.Cut(c.Analyzer.Doc, "\n")
	return title
}

// URL is the check's documentation page.
func (c Check) URL() string { return c.Analyzer.URL }

// bugChecks are the checks that find bugs, in documented order.
var bugChecks = []Check{
	{Analyzer: dotimeout.Analyzer, Since: "v0.1.0", Default: true},
	{Analyzer: keepaliveclose.Analyzer, Since: "v0.1.0", Default: true},
	{Analyzer: contentlength.Analyzer, Since: "v0.1.0", Default: true},
	{Analyzer: servertimeout.Analyzer, Since: "v0.1.0", Default: true},
	{Analyzer: dialtimeout.Analyzer, Since: "v0.1.0", Default: true},
	{Analyzer: unboundedpool.Analyzer, Since: "v0.1.0", Default: true},
	{Analyzer: bodydrain.Analyzer, Since: "v0.1.0", Default: true},
	{Analyzer: h2ping.Analyzer, Since: "v0.1.0", Default: true},
	{Analyzer: wsheartbeat.Analyzer, Since: "v0.1.0", Default: true},
}

// checks are the bug checks followed by ignore, which judges the
// suppression directives of all of them.
var checks = append(slices.Clone(bugChecks), Check{
	Analyzer: Ignore(analyzersOf(bugChecks)...),
	Since:    "v0.1.0",
	Default:  true,
})

// Ignore returns the ignore check for a subset of the bug checks (a
// driver that turns some off builds its own): it knows every check's name
// but only judges directives whose checks all run.
func Ignore(running ...*analysis.Analyzer) *analysis.Analyzer {
	known := make([]string, len(bugChecks))
	for i, c := range bugChecks {
		known[i] = c.Name()
	}
	return ignore.New(known, running...)
}

func analyzersOf(cs []Check) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(cs))
	for i, c := range cs {
		out[i] = c.Analyzer
	}
	return out
}

// Checks returns the registered checks in their documented order.
func Checks() []Check { return append([]Check(nil), checks...) }

// All returns the analyzers of every registered check, in order.
func All() []*analysis.Analyzer { return analyzersOf(checks) }

// Lookup returns the check called name.
func Lookup(name string) (Check, bool) {
	for _, c := range checks {
		if c.Name() == name {
			return c, true
		}
	}
	return Check{}, false
}

// ReadmeTable renders the README's table of checks from the registry.
func ReadmeTable() string {
	var b strings.Builder
	b.WriteString("| check | finds |\n|---|---|\n")
	for _, c := range checks {
		fmt.Fprintf(&b, "| [`%s`](docs/checks/%s.md) | %s |\n", c.Name(), c.Name(), c.Title())
	}
	return b.String()
}
