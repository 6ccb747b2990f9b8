package golangci

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"

	"github.com/connvet/connvet/analyzers"
)

func namesOf(as []*analysis.Analyzer) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

func TestDefaultIsTheRegistry(t *testing.T) {
	for _, conf := range []any{nil, map[string]any{}} {
		p, err := New(conf)
		require.NoError(t, err)
		as, err := p.BuildAnalyzers()
		require.NoError(t, err)
		var want []string
		for _, c := range analyzers.Checks() {
			want = append(want, c.Name())
		}
		assert.Equal(t, want, namesOf(as))
		assert.Equal(t, "typesinfo", p.GetLoadMode())
		for i, c := range analyzers.Checks() {
			assert.NotSame(t, c.Analyzer, as[i], "plugins get copies, never the shared analyzers")
		}
		require.NoError(t, analysis.Validate(as))
	}
}

func TestDisable(t *testing.T) {
	p, err := New(map[string]any{"disable": []any{"dotimeout"}})
	require.NoError(t, err)
	as, _ := p.BuildAnalyzers()
	assert.NotContains(t, namesOf(as), "dotimeout")
	ig := as[len(as)-1]
	assert.Equal(t, "ignore", ig.Name)
	assert.NotContains(t, namesOf(ig.Requires), "dotimeout", "ignore must not run a disabled check")

	p, err = New(map[string]any{"disable": []any{"ignore"}})
	require.NoError(t, err)
	as, _ = p.BuildAnalyzers()
	assert.NotContains(t, namesOf(as), "ignore")
}

func TestStrictSettings(t *testing.T) {
	for name, conf := range map[string]any{
		"unknown key":          map[string]any{"disabel": []any{"dotimeout"}},
		"unknown check":        map[string]any{"disable": []any{"nosuch"}},
		"settings for unknown": map[string]any{"settings": map[string]any{"nosuch": map[string]any{"x": 1}}},
		"unknown option":       map[string]any{"settings": map[string]any{"dotimeout": map[string]any{"nosuch": true}}},
		"disabled and set":     map[string]any{"disable": []any{"dotimeout"}, "settings": map[string]any{"dotimeout": map[string]any{"x": 1}}},
		"wrong type":           map[string]any{"disable": "dotimeout"},
	} {
		_, err := New(conf)
		assert.Error(t, err, name)
	}
}

// An analyzer with options: copies carry their own values.
func TestOptionsAreIndependent(t *testing.T) {
	orig := &analysis.Analyzer{Name: "demo", Doc: "demo", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	var global bool
	orig.Flags.BoolVar(&global, "strict", false, "be strict")
	orig.Flags.String("allow", "a,b", "allow list")

	one, two := clone(orig), clone(orig)
	require.NoError(t, apply(one, map[string]any{"strict": true, "allow": "x"}))
	assert.Equal(t, "true", one.Flags.Lookup("strict").Value.String())
	assert.Equal(t, "x", one.Flags.Lookup("allow").Value.String())
	assert.Equal(t, "false", two.Flags.Lookup("strict").Value.String(), "the other instance keeps its default")
	assert.Equal(t, "a,b", two.Flags.Lookup("allow").Value.String())
	assert.False(t, global, "the original's variable is untouched")

	assert.Error(t, apply(two, map[string]any{"strict": "maybe"}), "bool options take true or false")
	assert.ErrorContains(t, apply(two, map[string]any{"nosuch": 1}), "options: allow, strict")
}

// A real check's option set through the plugin reaches that plugin's copy
// only.
func TestRealOption(t *testing.T) {
	p, err := New(map[string]any{"settings": map[string]any{"unboundedpool": map[string]any{"maxconns": true}}})
	require.NoError(t, err)
	as, _ := p.BuildAnalyzers()
	i := slices.Index(namesOf(as), "unboundedpool")
	require.GreaterOrEqual(t, i, 0)
	assert.Equal(t, "true", as[i].Flags.Lookup("maxconns").Value.String())
	c, _ := analyzers.Lookup("unboundedpool")
	assert.Equal(t, "false", c.Analyzer.Flags.Lookup("maxconns").Value.String(), "the registry's analyzer is untouched")
}
