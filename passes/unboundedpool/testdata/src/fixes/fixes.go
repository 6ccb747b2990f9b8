package fixes

import "net/http"

var tr = &http.Transport{MaxIdleConns: 10} // want `http.Transport has no IdleConnTimeout`

var shared = &http.Client{Transport: tr}

func fetch(url string) error {
	c := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()} // want `per call`
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
