package aliased

import nethttp "net/http"

// Flagged: net/http imported under another name and time not imported:
// the fix writes nethttp.HTTP2Config and adds the time import.
var Client = &nethttp.Client{Transport: &nethttp.Transport{ // want `http.Transport used by the http.Client in package variable Client speaks HTTP/2 \(it sets no TLSClientConfig or dialer, so net/http enables HTTP/2 for https\)`
	MaxIdleConnsPerHost: 16,
}}
