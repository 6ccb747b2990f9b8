package wire_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connvet/connvet/passes/internal/wire"
)

// probe reports, for every write to a connection, the connection and the
// reconstructed text (holes as ⟨verb⟩), and for every response its head.
var probe = &analysis.Analyzer{
	Name:     "wireprobe",
	Doc:      "report what the wire model sees",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		m := wire.NewModel(pass.Pkg, pass.TypesInfo)
		insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		m.Units(insp, func(u *wire.Unit) {
			for call, w := range u.Writes() {
				pass.Reportf(call.Pos(), "write to %s: %s", w.Conn.Name(), render(w.Text))
			}
			for _, body := range u.Bodies() {
				for _, r := range u.Responses(body) {
					h := r.Head
					pass.Reportf(r.Stmts[len(r.Stmts)-1].End(), "response to %s: status=%d complete=%t unknown=%t framed=%t close=%t whole=%t",
						r.Conn.Name(), h.Status, h.Complete, h.Unknown, h.Framed(), h.AnnouncesClose(), r.Whole)
				}
			}
		})
		return nil, nil
	},
}

func render(t wire.Text) string {
	var b strings.Builder
	for _, p := range t {
		if p.Hole {
			verb := "?"
			if p.Verb != 0 {
				verb = string(p.Verb)
			}
			fmt.Fprintf(&b, "<%s>", verb)
			continue
		}
		q := strconv.Quote(p.Lit)
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

// TestModel checks connections, write calls and text reconstruction over
// many shapes of code (see testdata/src/model).
func TestModel(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), probe, "model")
}
