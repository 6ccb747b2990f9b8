// Package smoke only proves the fixture module resolves and builds.
package smoke

import "github.com/valyala/fasthttp"

// Client exists so the package uses fasthttp.
var Client fasthttp.Client
