package h2config

import (
	"net/http"
	"time"
)

func probe(any) {}

// The HTTP2 field of a Transport literal holds a tracked HTTP2Config.
func inLiteral() {
	t := &http.Transport{HTTP2: &http.HTTP2Config{SendPingTimeout: time.Second}}
	probe(t) // want `Transport known \[HTTP2\] lits=1`
	// The field is one holder for every transport (field-insensitive): it
	// holds all three configs of this file.
	probe(t.HTTP2) // want `HTTP2Config unknown \[SendPingTimeout\] lits=3`
}

// Assigning the field sets it on the transport, and the config flows into
// the field. (Clone's result is summarized by net/http's fact, so its
// fields come from there too.)
func assigned() {
	t := &http.Transport{}
	t.HTTP2 = &http.HTTP2Config{}
	probe(t) // want `Transport known \[HTTP2\] lits=1`
}

// t.HTTP2.F = x sets HTTP2 on t and F on the configs the field holds.
func nested() {
	cfg := &http.HTTP2Config{}
	t := &http.Transport{HTTP2: cfg}
	t.HTTP2.SendPingTimeout = time.Second
	probe(t)   // want `Transport known \[HTTP2\] lits=1`
	probe(cfg) // want `HTTP2Config known \[SendPingTimeout\] lits=1`
}
