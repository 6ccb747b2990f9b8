package factuser

import (
	"factlib"
	"time"
)

func use(url string) {
	factlib.Client.GetTimeout(nil, url, time.Second) // want `client factlib.Client has no ReadTimeout: GetTimeout`
	factlib.New().GetTimeout(nil, url, time.Second)  // want `client factlib.New\(\) has no ReadTimeout: GetTimeout`
	factlib.Bounded.GetTimeout(nil, url, time.Second)
	c, _ := factlib.NewBounded()
	c.GetTimeout(nil, url, time.Second)
	factlib.Wrap(nil).GetTimeout(nil, url, time.Second)
}

// An importer that configures the imported constructor's result.
func configuresImported(url string) {
	c := factlib.New()
	c.ReadTimeout = time.Second
	c.GetTimeout(nil, url, time.Second)
}
