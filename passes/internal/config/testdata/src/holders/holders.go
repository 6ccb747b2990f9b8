package holders

import "net/http"

// holders takes its argument in an unnamed parameter, which then holds
// it too: arguments to the package's own functions flow into their
// parameters, whatever the parameter's type.
func holders(any) {}
func result(any)  {}

var pkgVar = &http.Transport{}

type service struct{ tr *http.Transport }

func newTransport() *http.Transport {
	t := &http.Transport{}
	holders(t) // want `held by \[_ newTransport t\]`
	return t
}

func kept() {
	holders(pkgVar) // want `held by \[_ pkgVar\]`
	s := &service{tr: &http.Transport{}}
	holders(s.tr) // want `held by \[_ tr\]`
	local := &http.Transport{}
	holders(local) // want `held by \[_ local\]`
}

func clone() {
	t := http.DefaultTransport.(*http.Transport).Clone()
	result(http.DefaultTransport.(*http.Transport).Clone()) // want `result origin escaped=false`
	holders(t)                                              // want `held by \[_ t\]`
}
