package guard_test

import (
	"errors"
	"go/types"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis"

	"github.com/connvet/connvet/passes/internal/guard"
)

func pass(name string) *analysis.Pass {
	return &analysis.Pass{
		Analyzer: &analysis.Analyzer{Name: name},
		Pkg:      types.NewPackage("example.com/p", "p"),
	}
}

func TestPanicBecomesError(t *testing.T) {
	run := guard.Run(func(*analysis.Pass) (any, error) {
		var list []int
		return list[len(list)+1], nil // index out of range

	})
	res, err := run(pass("demo"))
	assert.Nil(t, res)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "connvet/demo: internal error in package example.com/p")
	assert.Contains(t, err.Error(), "index out of range")
}

func TestPassThrough(t *testing.T) {
	want := errors.New("plain error")
	res, err := guard.Run(func(*analysis.Pass) (any, error) { return 42, want })(pass("demo"))
	assert.Equal(t, 42, res)
	assert.Same(t, want, err)
}
