package fixcheck

import (
	"cmp"
	"fmt"
	"go/token"
	"os"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// edit is a text edit as byte offsets into one file.
type edit struct {
	start, end int
	text       string
}

// fileEdits converts a fix's edits to offsets, grouped by file name and
// sorted, and checks them as drivers do: inside one file, not
// overlapping.
func fileEdits(fset *token.FileSet, edits []analysis.TextEdit) (map[string][]edit, error) {
	out := map[string][]edit{}
	for _, e := range edits {
		tf := fset.File(e.Pos)
		if tf == nil {
			return nil, fmt.Errorf("edit at %d: no file", e.Pos)
		}
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		if end < e.Pos || end > token.Pos(tf.Base()+tf.Size()) {
			return nil, fmt.Errorf("edit %s: end out of the file or before the start", position(fset, e.Pos))
		}
		out[tf.Name()] = append(out[tf.Name()], edit{tf.Offset(e.Pos), tf.Offset(end), string(e.NewText)})
	}
	for name, es := range out {
		slices.SortStableFunc(es, func(x, y edit) int {
			if c := cmp.Compare(x.start, y.start); c != 0 {
				return c
			}
			return cmp.Compare(x.end, y.end)
		})
		for i := 1; i < len(es); i++ {
			if es[i].start < es[i-1].end {
				return nil, fmt.Errorf("overlapping edits in %s at offsets %d and %d", name, es[i-1].start, es[i].start)
			}
		}
	}
	return out, nil
}

// applyAll applies each file's edits to its content on disk.
func applyAll(edits map[string][]edit) (map[string][]byte, error) {
	out := map[string][]byte{}
	for name, es := range edits {
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		b, err := apply(src, es)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[name] = b
	}
	return out, nil
}

// apply applies sorted, non-overlapping edits to src.
func apply(src []byte, es []edit) ([]byte, error) {
	var out []byte
	last := 0
	for _, e := range es {
		if e.start < last || e.end > len(src) {
			return nil, fmt.Errorf("edit [%d,%d) out of order or beyond the file (%d bytes)", e.start, e.end, len(src))
		}
		out = append(out, src[last:e.start]...)
		out = append(out, e.text...)
		last = e.end
	}
	return append(out, src[last:]...), nil
}

// mapOffset maps an offset of the original file to the fixed one: moved
// by the edits before it, or to the start of the edit that replaced it.
func mapOffset(es []edit, off int) int {
	delta := 0
	for _, e := range es {
		switch {
		case e.end <= off:
			delta += len(e.text) - (e.end - e.start)
		case e.start <= off && off < e.end:
			return e.start + delta
		}
	}
	return off + delta
}

// merge merges two sorted lists of edits to one file as a three-way merge
// does (the algorithm of x/tools' internal diff.Merge, which the drivers
// use): identical edits coalesce, and ok is false on a conflict.
func merge(x, y []edit) ([]edit, bool) {
	x, y = slices.Clone(x), slices.Clone(y)
	var out []edit
	xi, yi := 0, 0
	for xi < len(x) && yi < len(y) {
		px, py := &x[xi], &y[yi]
		switch {
		case *px == *py:
			out = append(out, *px)
			xi++
			yi++
		case px.end <= py.start:
			out = append(out, *px)
			xi++
		case py.end <= px.start:
			out = append(out, *py)
			yi++
		case px.start < py.start:
			out = append(out, edit{px.start, py.start, ""})
			px.start = py.start
		case py.start < px.start:
			out = append(out, edit{py.start, px.start, ""})
			py.start = px.start
		default:
			return nil, false
		}
	}
	out = append(out, x[xi:]...)
	return append(out, y[yi:]...), true
}
