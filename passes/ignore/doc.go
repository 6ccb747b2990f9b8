// Package ignore defines an Analyzer that checks connvet's suppression
// directives.
//
// # Analyzer ignore
//
// ignore: suppression directive without a reason, or silencing nothing
//
// A finding is silenced with a directive on its line or the line above:
//
//	//connvet:ignore dotimeout,bodydrain the peer is our own sidecar
//
// The checks honor it themselves, so it works under every driver (connvet,
// go vet, golangci-lint, gopls). This check keeps directives honest. It
// reports a directive
//
//   - without a reason: such a directive silences nothing;
//   - naming a check connvet does not have;
//   - that silences nothing: none of the checks it names reports on its
//     line or the next, so it is stale (the code was fixed or moved) and
//     would hide a future finding nobody has looked at.
//
// A directive is only called stale when every check it names ran on the
// package; under golangci-lint with some checks disabled, directives for
// those checks are left alone.
package ignore
