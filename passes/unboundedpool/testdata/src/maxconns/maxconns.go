package maxconns

import (
	"net/http"
	"time"
)

var unbounded = &http.Transport{IdleConnTimeout: time.Minute} // want `http.Transport has no MaxConnsPerHost`

var bounded = &http.Transport{IdleConnTimeout: time.Minute, MaxConnsPerHost: 64}
