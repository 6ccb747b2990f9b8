// Package golangci registers connvet as a golangci-lint v2 module plugin
// named "connvet".
//
// Settings (in .golangci.yml under linters.settings.custom.connvet.settings)
// are decoded strictly; unknown keys, unknown checks and unknown options
// are errors:
//
//	disable: [contentlength]          # checks to turn off
//	settings:                         # per-check options (the -CHECK.OPTION flags)
//	  unboundedpool: {maxconns: true}
//
// Every plugin instance gets its own copies of the analyzers, with their
// own flag sets, so two configurations never share option state.
package golangci

import (
	"errors"
	"flag"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/connvet/connvet/analyzers"
)

// Name is the plugin's name in golangci-lint's configuration.
const Name = "connvet"

func init() {
	register.Plugin(Name, New)
}

// Settings is the plugin's configuration.
type Settings struct {
	// Disable lists checks to turn off.
	Disable []string `json:"disable"`
	// Settings maps a check to its options: option name to value.
	Settings map[string]map[string]any `json:"settings"`
}

type plugin struct {
	analyzers []*analysis.Analyzer
}

// New builds the plugin from its raw settings.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("connvet: %w", err)
	}
	as, err := build(s)
	if err != nil {
		return nil, fmt.Errorf("connvet: %w", err)
	}
	return &plugin{analyzers: as}, nil
}

func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) { return p.analyzers, nil }

func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// build copies the enabled checks from the registry and applies options.
func build(s Settings) ([]*analysis.Analyzer, error) {
	for _, name := range s.Disable {
		if _, ok := analyzers.Lookup(name); !ok {
			return nil, fmt.Errorf("disable: unknown check %q (checks: %s)", name, names())
		}
	}
	for name := range s.Settings {
		if _, ok := analyzers.Lookup(name); !ok {
			return nil, fmt.Errorf("settings: unknown check %q (checks: %s)", name, names())
		}
		if slices.Contains(s.Disable, name) {
			return nil, fmt.Errorf("settings: check %q is disabled", name)
		}
	}
	var bugs []*analysis.Analyzer
	ignoreOn := false
	for _, c := range analyzers.Checks() {
		if slices.Contains(s.Disable, c.Name()) {
			continue
		}
		if c.Name() == "ignore" {
			ignoreOn = true
			continue
		}
		a := clone(c.Analyzer)
		if err := apply(a, s.Settings[c.Name()]); err != nil {
			return nil, err
		}
		bugs = append(bugs, a)
	}
	if ignoreOn {
		// The ignore check judges directives of the checks that run here.
		ig := analyzers.Ignore(bugs...)
		if err := apply(ig, s.Settings["ignore"]); err != nil {
			return nil, err
		}
		return append(bugs, ig), nil
	}
	return bugs, nil
}

// clone copies an analyzer with a flag set of its own: options set on the
// copy are read through pass.Analyzer.Flags and never reach the original.
func clone(a *analysis.Analyzer) *analysis.Analyzer {
	c := *a
	c.Flags = flag.FlagSet{}
	c.Flags.Init(a.Name, flag.ContinueOnError)
	a.Flags.VisitAll(func(f *flag.Flag) {
		c.Flags.Var(&textValue{s: f.Value.String(), isBool: isBoolFlag(f)}, f.Name, f.Usage)
	})
	return &c
}

func apply(a *analysis.Analyzer, opts map[string]any) error {
	keys := make([]string, 0, len(opts))
	for k := range opts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f := a.Flags.Lookup(k)
		if f == nil {
			var known []string
			a.Flags.VisitAll(func(f *flag.Flag) { known = append(known, f.Name) })
			if len(known) == 0 {
				return fmt.Errorf("settings: check %s has no options", a.Name)
			}
			return fmt.Errorf("settings: check %s has no option %q (options: %s)", a.Name, k, strings.Join(known, ", "))
		}
		if err := a.Flags.Set(k, fmt.Sprint(opts[k])); err != nil {
			return fmt.Errorf("settings: %s.%s: %w", a.Name, k, err)
		}
	}
	return nil
}

// textValue holds an option as text; checks parse it when they run.
type textValue struct {
	s      string
	isBool bool
}

func (v *textValue) String() string { return v.s }

func (v *textValue) Set(s string) error {
	if v.isBool && s != "true" && s != "false" {
		return errors.New("want true or false")
	}
	v.s = s
	return nil
}

func (v *textValue) IsBoolFlag() bool { return v.isBool }

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

func names() string {
	var out []string
	for _, c := range analyzers.Checks() {
		out = append(out, c.Name())
	}
	return strings.Join(out, ", ")
}
