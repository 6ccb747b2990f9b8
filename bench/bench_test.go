package bench_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/connvet/connvet/bench"
)

// BenchmarkSuites runs every suite over every package set: compare
// connvet with noopfacts (the fact-loading floor it is held to) and with
// vet. Run with
//
//	cd bench && go test -run '^$' -bench . -benchtime 3x .
//
// peak-heap-MiB is the largest live heap sampled during one run.
func BenchmarkSuites(b *testing.B) {
	sets, err := bench.DefaultSets()
	require.NoError(b, err)
	for _, set := range sets {
		for _, suite := range bench.Suites() {
			b.Run(strings.ReplaceAll(set.Name, "/", "-")+"/"+suite.Name, func(b *testing.B) {
				b.ReportAllocs()
				var peak int64
				for b.Loop() {
					r, err := bench.Measure(suite, set)
					require.NoError(b, err)
					peak = max(peak, r.PeakHeap)
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			})
		}
	}
}
