package user

import (
	"lib"
	"time"
)

func probe(any) {}

func use() {
	probe(lib.Server)         // want `Server known \[ReadHeaderTimeout\] lits=0`
	probe(lib.NewTransport()) // want `Transport known \[IdleConnTimeout\] lits=0`
	c, _ := lib.Wrap(nil)
	probe(c) // want `Client unknown \[\] lits=0`

	tr := lib.NewTransport()
	tr.ResponseHeaderTimeout = time.Second
	probe(tr) // want `Transport known \[IdleConnTimeout\] lits=0`
}
