package fix

import (
	"bytes"
	"go/format"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Tidy returns fixes whose edits leave gofmt-clean files gofmt-clean.
//
// Fixes are built as the smallest text edits, which may misalign the
// block they land in (a new key in an aligned struct literal, a longer
// line before an aligned comment) or leave an import unsorted. Not every
// driver formats what it applies (gopls applies a quick fix as is), so
// for each file a fix edits, when the file is gofmt-clean, Tidy applies
// the edits, formats the result and replaces the edits with the changed
// lines. A file that is not gofmt-clean keeps the fix's own edits:
// formatting it would rewrite lines the fix has no business touching.
// So does a fix whose edits do not apply or whose result does not parse.
func Tidy(fset *token.FileSet, readFile func(string) ([]byte, error), fixes []analysis.SuggestedFix) []analysis.SuggestedFix {
	out := slices.Clone(fixes)
	for i, f := range out {
		out[i].TextEdits = tidyEdits(fset, readFile, f.TextEdits)
	}
	return out
}

func tidyEdits(fset *token.FileSet, readFile func(string) ([]byte, error), edits []analysis.TextEdit) []analysis.TextEdit {
	if len(edits) == 0 || readFile == nil {
		return edits
	}
	byFile := map[*token.File][]analysis.TextEdit{}
	var order []*token.File
	for _, e := range edits {
		tf := fset.File(e.Pos)
		if tf == nil {
			return edits
		}
		if _, ok := byFile[tf]; !ok {
			order = append(order, tf)
		}
		byFile[tf] = append(byFile[tf], e)
	}
	var out []analysis.TextEdit
	for _, tf := range order {
		out = append(out, tidyFile(tf, readFile, byFile[tf])...)
	}
	return out
}

// tidyFile does Tidy's work for the edits to one file. Formatting is the
// cost (a quarter of the suite's time on net/http's tests when whole files
// were formatted per fix), so it formats only the run of whole top-level
// declarations that holds every edit: the lines from the last declaration
// start (a line beginning with func, type, var, const) at or before the
// first edit to the next one after the last edit. The whole file is
// formatted when the edits touch the imports (gofmt sorts them only in a
// whole file) or the run cannot be told.
func tidyFile(tf *token.File, readFile func(string) ([]byte, error), edits []analysis.TextEdit) []analysis.TextEdit {
	src, err := readFile(tf.Name())
	if err != nil || len(src) != tf.Size() {
		return edits
	}
	lines := splitLines(src)
	offsets := make([]int, len(lines)+1) // offsets[i]: start of line i
	for i, l := range lines {
		offsets[i+1] = offsets[i] + len(l)
	}
	first, last, ok := declRun(tf, lines, offsets, edits)
	if !ok {
		first, last = 0, len(lines)
	}
	return tidySpan(tf, src, lines, offsets, first, last, edits)
}

// tidySpan formats lines[first:last] with the edits applied, when those
// lines are gofmt-clean on their own, and returns the changed lines as the
// edits; else the edits as they are.
func tidySpan(tf *token.File, src []byte, lines []string, offsets []int, first, last int, edits []analysis.TextEdit) []analysis.TextEdit {
	start, stop := offsets[first], offsets[last]
	span := src[start:stop]
	if clean, err := format.Source(span); err != nil || !bytes.Equal(clean, span) {
		return edits // not clean: formatting would touch lines the fix does not
	}
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(x, y analysis.TextEdit) int {
		if x.Pos != y.Pos {
			return int(x.Pos - y.Pos)
		}
		return int(end(x) - end(y))
	})
	var applied []byte
	at := start
	for _, e := range sorted {
		a, b := tf.Offset(e.Pos), tf.Offset(end(e))
		if a < at || b < a || b > stop {
			return edits // overlapping: the driver will say so
		}
		applied = append(applied, src[at:a]...)
		applied = append(applied, e.NewText...)
		at = b
	}
	applied = append(applied, src[at:stop]...)
	formatted, err := format.Source(applied)
	if err != nil || bytes.Equal(formatted, applied) {
		return edits // does not parse (reported elsewhere), or already clean
	}
	var out []analysis.TextEdit
	new := splitLines(formatted)
	for _, h := range lineHunks(lines[first:last], new) {
		out = append(out, analysis.TextEdit{
			Pos:     tf.Pos(offsets[first+h.oldStart]),
			End:     tf.Pos(offsets[first+h.oldEnd]),
			NewText: []byte(strings.Join(new[h.newStart:h.newEnd], "")),
		})
	}
	return out
}

func end(e analysis.TextEdit) token.Pos {
	if e.End.IsValid() {
		return e.End
	}
	return e.Pos
}

// splitLines splits src after each newline; the last line may lack one.
func splitLines(src []byte) []string {
	var lines []string
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n') + 1
		if i == 0 {
			i = len(src)
		}
		lines = append(lines, string(src[:i]))
		src = src[i:]
	}
	return lines
}

// A hunk replaces old[oldStart:oldEnd] with new[newStart:newEnd].
type hunk struct{ oldStart, oldEnd, newStart, newEnd int }

// lineHunks returns the hunks of a shortest edit script from old to new
// (Myers' algorithm, after trimming the common prefix and suffix), with
// adjacent changes joined.
func lineHunks(old, new []string) []hunk {
	pre := 0
	for pre < len(old) && pre < len(new) && old[pre] == new[pre] {
		pre++
	}
	suf := 0
	for suf < len(old)-pre && suf < len(new)-pre && old[len(old)-1-suf] == new[len(new)-1-suf] {
		suf++
	}
	a, b := old[pre:len(old)-suf], new[pre:len(new)-suf]
	var hunks []hunk
	add := func(ai, aj, bi, bj int) { // a[ai:aj] -> b[bi:bj], in a's and b's coordinates
		if ai == aj && bi == bj {
			return
		}
		h := hunk{pre + ai, pre + aj, pre + bi, pre + bj}
		if n := len(hunks); n > 0 && hunks[n-1].oldEnd == h.oldStart && hunks[n-1].newEnd == h.newStart {
			hunks[n-1].oldEnd, hunks[n-1].newEnd = h.oldEnd, h.newEnd
			return
		}
		hunks = append(hunks, h)
	}
	snakes, ok := myers(a, b, 1000)
	if !ok {
		add(0, len(a), 0, len(b)) // too different: one hunk
		return hunks
	}
	ai, bi := 0, 0
	for _, s := range snakes { // s: a[s.x:s.x+s.n] == b[s.y:s.y+s.n]
		add(ai, s.x, bi, s.y)
		ai, bi = s.x+s.n, s.y+s.n
	}
	add(ai, len(a), bi, len(b))
	return hunks
}

// A snake is a run of equal lines: a[x:x+n] == b[y:y+n].
type snake struct{ x, y, n int }

// myers returns the common runs of a shortest edit script from a to b,
// in order; ok is false when it needs more than maxD edits.
func myers(a, b []string, maxD int) ([]snake, bool) {
	n, m := len(a), len(b)
	offset := n + m
	v := make([]int, 2*offset+2)
	var trace [][]int
	for d := 0; d <= n+m && d <= maxD; d++ {
		trace = append(trace, slices.Clone(v))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[offset+k-1] < v[offset+k+1]) {
				x = v[offset+k+1] // down: insertion
			} else {
				x = v[offset+k-1] + 1 // right: deletion
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[offset+k] = x
			if x >= n && y >= m {
				return backtrack(trace, a, b, d, offset), true
			}
		}
	}
	return nil, false
}

// backtrack recovers the snakes of the path that reached (len(a), len(b))
// at step d; trace[i] holds v as it was before step i.
func backtrack(trace [][]int, a, b []string, d, offset int) []snake {
	var snakes []snake
	x, y := len(a), len(b)
	for ; d >= 0; d-- {
		v := trace[d]
		k := x - y
		var prevK int
		switch {
		case d == 0:
			prevK = k
		case k == -d || (k != d && v[offset+k-1] < v[offset+k+1]):
			prevK = k + 1
		default:
			prevK = k - 1
		}
		var startX, startY int
		if d == 0 {
			startX, startY = 0, 0
		} else {
			startX = v[offset+prevK]
			startY = startX - prevK
			if prevK == k+1 {
				// insertion: (startX, startY) -> (startX, startY+1)
				startY++
			} else {
				startX++
			}
		}
		if x > startX {
			snakes = append(snakes, snake{startX, startY, x - startX})
		}
		if d > 0 {
			x, y = v[offset+prevK], v[offset+prevK]-prevK
		}
	}
	slices.Reverse(snakes)
	return snakes
}

// declRun returns the lines [first, last) of the run of whole top-level
// declarations that holds every edit (see tidyFile), and false when there is
// none or it starts with the imports.
func declRun(tf *token.File, lines []string, offsets []int, edits []analysis.TextEdit) (first, last int, ok bool) {
	lo, hi := offsets[len(lines)], 0
	for _, e := range edits {
		lo, hi = min(lo, tf.Offset(e.Pos)), max(hi, tf.Offset(end(e)))
	}
	declStart := func(l string) bool {
		for _, kw := range []string{"func ", "func(", "type ", "var ", "var(", "const ", "const(", "import ", "import("} {
			if strings.HasPrefix(l, kw) {
				return true
			}
		}
		return false
	}
	first = -1
	for i := range lines {
		if offsets[i] > lo {
			break
		}
		if declStart(lines[i]) {
			first = i
		}
	}
	if first < 0 || strings.HasPrefix(lines[first], "import") {
		return 0, 0, false // imports are sorted only when a whole file is formatted
	}
	last = len(lines)
	for i := first + 1; i < len(lines); i++ {
		if offsets[i] >= hi && offsets[i] > lo && declStart(lines[i]) {
			last = i
			break
		}
	}
	return first, last, lo >= offsets[first] && hi <= offsets[last]
}
