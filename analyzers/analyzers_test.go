package analyzers_test

import (
	"flag"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"

	"github.com/connvet/connvet/analyzers"
	ignorepkg "github.com/connvet/connvet/analyzers/ignore"
	"github.com/connvet/connvet/passes/ignore"
)

// nameRE is a check's name: one lowercase word, digits allowed after the
// first letter (h2ping), as in a Go package name.
var nameRE = regexp.MustCompile(`^[a-z][a-z0-9]*$`)

var update = flag.Bool("update", false, "rewrite README's table of checks from the registry")

// TestRegistry holds every registered check to the project's bar: a valid
// analyzer with a lowercase one-word name, a Doc taken from its doc.go with
// a title of the right form, a docs page, a URL pointing at it, and
// testdata.
func TestRegistry(t *testing.T) {
	checks := analyzers.Checks()
	require.NotEmpty(t, checks)
	require.NoError(t, analysis.Validate(analyzers.All()))

	seen := map[string]bool{}
	for _, c := range checks {
		name := c.Name()
		t.Run(name, func(t *testing.T) {
			assert.False(t, seen[name], "registered twice")
			seen[name] = true
			assert.Regexp(t, nameRE, name)

			title := c.Title()
			assert.NotEmpty(t, title)
			assert.Less(t, len(title), 72, "title too long: %q", title)
			assert.True(t, unicode.IsLower([]rune(title)[0]), "title must start lowercase: %q", title)
			assert.NotRegexp(t, `[.!]$`, title, "title must not end with punctuation")

			assert.Equal(t, analyzers.DocsBase+name+".md", c.URL())
			assert.Regexp(t, `^v\d+\.\d+\.\d+$`, c.Since)

			assert.FileExists(t, filepath.Join("..", "docs", "checks", name+".md"))
			assert.FileExists(t, filepath.Join("..", "passes", name, "doc.go"))
			if src, err := os.ReadFile(filepath.Join("..", "passes", name, "doc.go")); err == nil {
				f, err := parser.ParseFile(token.NewFileSet(), "doc.go", src, parser.ParseComments|parser.PackageClauseOnly)
				require.NoError(t, err)
				require.NotNil(t, f.Doc, "doc.go has no package comment")
				assert.Contains(t, f.Doc.Text(), "# Analyzer "+name+"\n\n"+name+": "+c.Analyzer.Doc,
					"Doc must be doc.go's text after its # Analyzer heading, so that godoc, connvet help and gopls show one text")
			}
			entries, err := os.ReadDir(filepath.Join("..", "passes", name, "testdata", "src"))
			assert.NoError(t, err, "no testdata/src")
			assert.NotEmpty(t, entries, "empty testdata/src")

			if name != "ignore" {
				assert.Equal(t, ignore.CheckResultType, c.Analyzer.ResultType,
					"a check must wrap its Run with report.Run so its directives can be judged")
			}

			got, ok := analyzers.Lookup(name)
			assert.True(t, ok)
			assert.Same(t, c.Analyzer, got.Analyzer)
		})
	}
	_, ok := analyzers.Lookup("nosuchcheck")
	assert.False(t, ok)
}

// TestReadmeTable fails when README's list of checks drifts from the
// registry. The wanted text is printed so it can be pasted.
func TestReadmeTable(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	require.NoError(t, err)
	_, rest, ok := strings.Cut(string(readme), "<!-- checks:begin -->\n")
	require.True(t, ok, "README lacks <!-- checks:begin -->")
	got, _, ok := strings.Cut(rest, "<!-- checks:end -->")
	require.True(t, ok, "README lacks <!-- checks:end -->")
	if *update {
		fixed := strings.Replace(string(readme), got, analyzers.ReadmeTable(), 1)
		require.NoError(t, os.WriteFile(filepath.Join("..", "README.md"), []byte(fixed), 0o644))
		return
	}
	assert.Equal(t, analyzers.ReadmeTable(), got, "README's check table is stale; run go test ./analyzers -run TestReadmeTable -update")
}

// TestBazelDoc keeps docs/bazel.md's table of nogo analyzers in step with
// the registry: every check, its import path and Bazel label, and whether
// it uses facts (declared by it or by an analyzer it requires).
func TestBazelDoc(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "docs", "bazel.md"))
	require.NoError(t, err)
	_, rest, ok := strings.Cut(string(data), "<!-- bazel:begin -->\n")
	require.True(t, ok, "docs/bazel.md lacks <!-- bazel:begin -->")
	table, _, ok := strings.Cut(rest, "<!-- bazel:end -->")
	require.True(t, ok, "docs/bazel.md lacks <!-- bazel:end -->")
	rows := strings.Split(strings.TrimSpace(table), "\n")
	require.Len(t, rows, 2+len(analyzers.Checks()), "one row per check")

	for i, c := range analyzers.Checks() {
		path := "github.com/connvet/connvet/passes/" + c.Name()
		if c.Name() == "ignore" {
			path = "github.com/connvet/connvet/analyzers/ignore"
		}
		label := "@com_github_connvet_connvet//" + strings.TrimPrefix(path, "github.com/connvet/connvet/")
		facts := "no"
		if usesFacts(c.Analyzer) {
			facts = "yes"
		}
		want := fmt.Sprintf("| `%s` | `%s` | `%s` | %s", c.Name(), path, label, facts)
		assert.True(t, strings.HasPrefix(rows[2+i], want), "row %d of docs/bazel.md's table:\n got %s\nwant %s...", i+1, rows[2+i], want)
	}
	assert.Same(t, ignorepkg.Analyzer, analyzers.All()[len(analyzers.All())-1], "analyzers/ignore exports the registry's ignore")
}

func usesFacts(a *analysis.Analyzer) bool {
	if len(a.FactTypes) > 0 {
		return true
	}
	return slices.ContainsFunc(a.Requires, usesFacts)
}
