package nested

import (
	"net/http"
	"time"
)

// Silent: SendPingTimeout set through the field after the config is made.
// (The configuration analysis keeps one holder per field, not per
// transport: an assignment through t.HTTP2.F counts for every
// HTTP2Config the package puts in a Transport's HTTP2 field.)
var later = &http.Transport{ForceAttemptHTTP2: true, HTTP2: &http.HTTP2Config{}}

func init() { later.HTTP2.SendPingTimeout = 20 * time.Second }
