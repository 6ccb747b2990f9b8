package checkdoc_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/connvet/connvet/passes/internal/checkdoc"
)

const good = `// Package demo defines an Analyzer that demonstrates.
//
// # Analyzer demo
//
// demo: report demonstrations
//
// Longer text.
//
//	bad()
package demo
`

func TestExtract(t *testing.T) {
	doc, err := checkdoc.Extract(good, "demo")
	require.NoError(t, err)
	assert.Equal(t, "report demonstrations\n\nLonger text.\n\n\tbad()", doc)
}

func TestExtractErrors(t *testing.T) {
	for name, src := range map[string]string{
		"no comment":   "package demo\n",
		"no heading":   "// Package demo does.\npackage demo\n",
		"wrong prefix": "// Package demo does.\n//\n// # Analyzer demo\n//\n// other: x\npackage demo\n",
		"not go":       "this is not Go",
	} {
		_, err := checkdoc.Extract(src, "demo")
		assert.Error(t, err, name)
	}
	assert.Panics(t, func() { checkdoc.MustExtract("package demo\n", "demo") })
}
