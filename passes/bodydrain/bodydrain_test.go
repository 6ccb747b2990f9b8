package bodydrain_test

import (
	"bytes"
	"encoding/gob"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connvet/connvet/passes/bodydrain"
)

func TestFlagged(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bodydrain.Analyzer, "flagged")
}

func TestSilent(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bodydrain.Analyzer, "silent", "corpusfp")
}

func TestCrossPackage(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bodydrain.Analyzer, "helperlib", "crosspkg")
}

func TestFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), bodydrain.Analyzer, "fixes")
}

func TestFactRoundTrip(t *testing.T) {
	in := &bodydrain.HelperFact{Drains: 1, Closes: 5}
	var buf bytes.Buffer
	enc := gob.NewEncoder(&buf)
	require.NoError(t, enc.Encode(in))
	first := buf.Len()
	require.NoError(t, enc.Encode(in))
	assert.Less(t, buf.Len()-first, 32, "a fact costs a few bytes")
	dec := gob.NewDecoder(&buf)
	out := new(bodydrain.HelperFact)
	require.NoError(t, dec.Decode(out))
	assert.Equal(t, in, out)
	assert.Equal(t, "helper(drains=[0] closes=[0,2])", in.String())
}

func TestInProcess(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bodydrain.Analyzer, "inprocess")
}

func TestInProcessReported(t *testing.T) {
	a := bodydrain.Analyzer
	require.NoError(t, a.Flags.Set(bodydrain.InProcess, "true"))
	defer func() { require.NoError(t, a.Flags.Set(bodydrain.InProcess, "false")) }()
	analysistest.Run(t, analysistest.TestData(), a, "inprocessreported")
}

func TestDecoder(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bodydrain.Analyzer, "decoder")
}

func TestDecoderOff(t *testing.T) {
	a := bodydrain.Analyzer
	require.NoError(t, a.Flags.Set(bodydrain.Decoder, "false"))
	defer func() { require.NoError(t, a.Flags.Set(bodydrain.Decoder, "true")) }()
	analysistest.Run(t, analysistest.TestData(), a, "decoderoff")
}

func TestPrefix(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bodydrain.Analyzer, "prefix")
}

func TestNoBody(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bodydrain.Analyzer, "nobody")
}

func TestRecall(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bodydrain.Analyzer, "recall")
}

func TestGenerated(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bodydrain.Analyzer, "generated")
}

func TestOutcome(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bodydrain.Analyzer, "outcomelib", "outcome")
}

func TestRetryWrap(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bodydrain.Analyzer, "retrywrap")
}

func TestFuncValue(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bodydrain.Analyzer, "funcvalue")
}

func TestWrapped(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bodydrain.Analyzer, "wraplib", "wrapped")
}

func TestCallbacks(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bodydrain.Analyzer, "cblib", "callbacks")
}

// TestThunks: retry wrappers whose responses come from the function they
// are handed, in another package.
func TestThunks(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), bodydrain.Analyzer, "thunks")
}

// TestConsumers: bodies handed to consumers out of sight that fail.
func TestConsumers(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), bodydrain.Analyzer, "consumers")
}

// TestMethodFacts: the method of a request made by another package's
// constructor (MethodFact).
func TestMethodFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bodydrain.Analyzer, "methodlib", "methodusers")
}

// TestHolders: result types that keep a response body, and their Close.
func TestHolders(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), bodydrain.Analyzer, "holders")
}

// TestGoroutines: responses handed to a goroutine.
func TestGoroutines(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), bodydrain.Analyzer, "goroutines")
}
