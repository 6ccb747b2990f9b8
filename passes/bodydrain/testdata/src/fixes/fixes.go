package fixes

import "net/http"

func direct(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	resp.Body.Close() // want `closed before it was read to EOF`
	return nil
}

func deferred(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close() // want `closed before it was read to EOF`
	return nil
}
