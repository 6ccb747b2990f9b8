package fix_test

import (
	"go/format"
	"go/parser"
	"go/token"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"

	"github.com/connvet/connvet/passes/internal/fix"
)

// tidied applies the one fix Tidy makes of an insertion at the first
// occurrence of marker in src.
func tidied(t *testing.T, src, marker, insert string) (edits []analysis.TextEdit, out string) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "a.go", src, 0)
	require.NoError(t, err)
	tf := fset.File(f.Pos())
	off := -1
	for i := 0; i+len(marker) <= len(src); i++ {
		if src[i:i+len(marker)] == marker {
			off = i
			break
		}
	}
	require.GreaterOrEqual(t, off, 0)
	pos := tf.Pos(off)
	read := func(string) ([]byte, error) { return []byte(src), nil }
	fixes := fix.Tidy(fset, read, []analysis.SuggestedFix{{Message: "m", TextEdits: []analysis.TextEdit{{Pos: pos, End: pos, NewText: []byte(insert)}}}})
	require.Len(t, fixes, 1)
	edits = fixes[0].TextEdits
	// Apply from the end so offsets stay valid.
	b := []byte(src)
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		s, x := tf.Offset(e.Pos), tf.Offset(end)
		b = append(b[:s:s], append([]byte(string(e.NewText)), b[x:]...)...)
	}
	return edits, string(b)
}

func TestTidyRealigns(t *testing.T) {
	src := "package p\n\nvar s = S{\n\tA:  1,\n\tBB: 2,\n}\n"
	_, out := tidied(t, src, "}\n", "\tLonger: 3,\n")
	want, err := format.Source([]byte(out))
	require.NoError(t, err)
	assert.Equal(t, string(want), out, "gofmt-clean")
	assert.Contains(t, out, "\tA:      1,\n\tBB:     2,\n\tLonger: 3,\n")
}

func TestTidyKeepsCleanEdits(t *testing.T) {
	src := "package p\n\nvar s = S{A: 1}\n"
	edits, out := tidied(t, src, "}", ", B: 2")
	assert.Equal(t, "package p\n\nvar s = S{A: 1, B: 2}\n", out)
	assert.Len(t, edits, 1)
	assert.Equal(t, ", B: 2", string(edits[0].NewText), "already clean: the fix's own edit")
}

func TestTidyLeavesUncleanFiles(t *testing.T) {
	src := "package p\n\nvar s = S{\n\tA: 1,\n\tBB:   2,\n}\n" // not gofmt-clean
	edits, _ := tidied(t, src, "}\n", "\tLonger: 3,\n")
	assert.Len(t, edits, 1)
	assert.Equal(t, "\tLonger: 3,\n", string(edits[0].NewText), "the file's other lines are not the fix's business")
}
