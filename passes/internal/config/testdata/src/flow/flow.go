package flow

import (
	"net"
	"net/http"
	"time"
)

func probe(any) {}

// Literal keys are configuration.
func literal() {
	s := &http.Server{ReadTimeout: time.Second}
	probe(s) // want `Server known \[ReadTimeout\] lits=1`
}

// Assignments after the literal count, in any order.
func assignedAfter() {
	s := &http.Server{}
	probe(s) // want `Server known \[IdleTimeout\] lits=1`
	s.IdleTimeout = time.Minute
}

// Value declarations are zero values, configured later.
func zeroValue() {
	var s http.Server
	s.ReadHeaderTimeout = time.Second
	probe(&s) // want `Server known \[ReadHeaderTimeout\] lits=0`
}

// new(T) is a zero value.
func newT() {
	d := new(net.Dialer)
	probe(d) // want `Dialer known \[\] lits=0`
}

// Aliases share the value: setting through one configures the other.
func alias() {
	s := &http.Server{}
	t := s
	t.WriteTimeout = time.Second
	probe(s) // want `Server known \[WriteTimeout\] lits=1`
}

// Copies through *p = T{...} are origins of p: the whole value is replaced.
func starAssign(p *http.Server) {
	*p = http.Server{Handler: nil}
	probe(p) // want `Server known \[Handler\] lits=1`
}

// The same in an exported function: callers we cannot see may pass p and
// configure it afterwards.
func StarAssign(p *http.Server) {
	*p = http.Server{Handler: nil}
	probe(p) // want `Server unknown \[Handler\] lits=1`
}

// Parameters of exported functions in library packages are open...
func Exported(s *http.Server) {
	probe(s) // want `Server unknown \[\] lits=0`
}

// ...but unexported functions receive exactly the arguments of their calls.
func helper(s *http.Server) {
	probe(s) // want `Server known \[ReadTimeout\] lits=2`
}

func callsHelper() {
	helper(&http.Server{})
	helper(&http.Server{ReadTimeout: 1})
}

// A helper that configures its parameter configures the caller's value.
func configure(s *http.Server) { s.IdleTimeout = time.Second }

func configuredByHelper() {
	s := &http.Server{}
	configure(s)
	probe(s) // want `Server known \[IdleTimeout\] lits=1`
}

// Handing the value to unknown code is an escape.
func escapes(f func(*http.Server)) {
	s := &http.Server{}
	f(s)
	probe(s) // want `Server unknown \[\] lits=1`
}

// Storing it in an interface, a map, a slice or a channel is too.
func stores(m map[string]*http.Server, ch chan *http.Server) {
	a := &http.Server{}
	var x any = a
	_ = x
	probe(a) // want `Server unknown \[\] lits=1`

	b := &http.Server{}
	m["b"] = b
	probe(b) // want `Server unknown \[\] lits=1`

	c := &http.Server{}
	ch <- c
	probe(c) // want `Server unknown \[\] lits=1`

	d := &http.Server{}
	all := []*http.Server{d}
	_ = all
	probe(d) // want `Server unknown \[\] lits=1`
}

// Copying a value type to unknown code does not expose the original.
func copied(f func(http.Transport)) {
	var tr http.Transport
	f(tr)
	probe(&tr) // want `Transport known \[\] lits=0`
}

// Passing the address of a value is an escape.
func addressed(f func(*http.Transport)) {
	var tr http.Transport
	f(&tr)
	probe(&tr) // want `Transport unknown \[\] lits=0`
}

// Package variables are configured anywhere in the package.
var pkgServer = &http.Server{}

func init() { pkgServer.ReadTimeout = time.Second }

func usePkg() {
	probe(pkgServer) // want `Server known \[ReadTimeout\] lits=1`
}

// Unexported struct fields are holders across methods.
type service struct {
	client *http.Client
}

func newService() *service {
	return &service{client: &http.Client{}}
}

func (s *service) setTimeout() { s.client.Timeout = time.Second }

func (s *service) use() {
	probe(s.client) // want `Client known \[Timeout\] lits=1`
}

// Exported fields of exported types may be set by importers.
type Config struct {
	Client *http.Client
}

func (c *Config) use() {
	c.Client = &http.Client{}
	probe(c.Client) // want `Client unknown \[\] lits=1`
}

// Constructors: the result carries the configuration of what it returns.
func newTransport() *http.Transport {
	tr := &http.Transport{}
	tr.IdleConnTimeout = time.Minute
	return tr
}

func useConstructor() {
	probe(newTransport()) // want `Transport known \[IdleConnTimeout\] lits=1`
	tr := newTransport()
	probe(tr) // want `Transport known \[IdleConnTimeout\] lits=1`
}

// Two results.
func newPair() (*http.Server, error) { return &http.Server{IdleTimeout: 1}, nil }

func usePair() {
	s, err := newPair()
	_ = err
	probe(s) // want `Server known \[IdleTimeout\] lits=1`
}

// Named results and bare returns.
func named() (s *http.Server) {
	s = &http.Server{ReadTimeout: 1}
	return
}

func useNamed() {
	probe(named()) // want `Server known \[ReadTimeout\] lits=1`
}

// Range variables and type assertions come from somewhere unmodelled.
func unmodelled(list []*http.Server, v any) {
	for _, s := range list {
		if s == nil {
			s = &http.Server{}
		}
		probe(s) // want `Server unknown \[\] lits=1`
	}
	t, _ := v.(*http.Server)
	probe(t) // want `Server unknown \[\] lits=0`
}

// Library struct fields and calls into the library do not configure.
func library() {
	tr := &http.Transport{}
	c := &http.Client{Transport: tr}
	_ = c
	probe(tr) // want `Transport known \[\] lits=1`
	s := &http.Server{}
	_ = s.ListenAndServe()
	probe(s) // want `Server known \[\] lits=1`
}

// Nested assignment h.F.G = x sets F.
func nested() {
	s := &http.Server{}
	s.TLSConfig.MinVersion = 0
	probe(s) // want `Server known \[TLSConfig\] lits=1`
}

// Closures share captured variables.
func closure() {
	s := &http.Server{}
	func() { s.ReadTimeout = 1 }()
	probe(s) // want `Server known \[ReadTimeout\] lits=1`
}

// Untracked values are not answered.
func untracked() {
	probe(1) // want `untracked`
}

// A struct value field starts as the zero value and is configured in place.
type proxy struct {
	backend http.Transport
	other   http.Transport
}

func newProxy() *proxy {
	p := &proxy{}
	p.backend.IdleConnTimeout = time.Minute
	return p
}

func (p *proxy) use() {
	probe(&p.backend) // want `Transport known \[IdleConnTimeout\] lits=0`
	probe(&p.other)   // want `Transport known \[\] lits=0`
}

// CloseIdleConnections marks the value and, for a client, its transport.
func closing() {
	tr := &http.Transport{}
	c := &http.Client{Transport: tr}
	defer c.CloseIdleConnections()
	probe(tr) // want `Transport known \[\] lits=1 closed`
	probe(c)  // want `Client known \[Transport\] lits=1 closed`
}
